using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Ledger;

/// <summary>
/// How the <see cref="CustodyRecorder"/> writes to the ledger: the entry joins the use case's own SaveChanges, so a
/// business change and its entry commit together or not at all. The sequencer appends it later.
/// </summary>
public sealed class LedgerOutbox(IAppDbContext db, TimeProvider time)
{
    public void Append(CustodyEntry custody) => Append(custody.ToLedgerEntry());

    private void Append(LedgerEntry entry) => db.LedgerOutbox.Add(new LedgerOutboxItem
    {
        Kind = entry.Kind,
        Subject = entry.Subject,
        Body = entry.Body,
        CreatedAt = time.GetUtcNow(),
    });
}
