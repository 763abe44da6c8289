using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Ledger;

/// <summary>Why an entry is corrected: a fixed list, so that no free text (and no personal data) reaches the ledger.</summary>
public enum CorrectionReason
{
    WrongWeight,
    WrongCount,
    WrongPartner,
    WrongDate,
    EnteredTwice,
}

public sealed class CorrectionCommand
{
    public long? Corrects { get; set; }
    public CorrectionReason? Reason { get; set; }

    /// <summary>The fields as they should have been: only fields the corrected entry has, never its kind, time or version.</summary>
    public JsonObject? Corrected { get; set; }
}

/// <summary>
/// Entries are never changed: an administrator appends a correction that points at the entry,
/// says why (from a fixed list) and carries the corrected fields. Readers apply corrections in
/// index order; the original stays in the log and every proof stays valid.
/// </summary>
public sealed class LedgerCorrections(IAppDbContext db, LedgerOutbox ledger, TimeProvider time)
{
    private static readonly HashSet<string> Fixed = ["v", "kind", "at"];

    public async Task AppendAsync(CorrectionCommand command, CancellationToken ct)
    {
        if (command.Corrects is not { } index || command.Reason is not { } reason || !Enum.IsDefined(reason)
            || command.Corrected is not { Count: > 0 } corrected)
        {
            throw new DomainRuleException("ledger.correction_incomplete");
        }
        var original = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Index == index, ct)
            ?? throw new NotFoundException("ledger_entry", index);
        var fields = JsonNode.Parse(original.Body)!.AsObject();
        if (corrected.Any(p => Fixed.Contains(p.Key) || !fields.ContainsKey(p.Key)))
        {
            throw new DomainRuleException("ledger.correction_fields");
        }
        LedgerEntry entry;
        try
        {
            entry = CustodyEvents.Correction(time.GetUtcNow(), index, original.Subject, ReasonName(reason), (JsonObject)corrected.DeepClone());
        }
        catch (ArgumentException)
        {
            // Fractions and other values entries never hold.
            throw new DomainRuleException("ledger.correction_fields");
        }
        ledger.Append(entry);
        await db.SaveChangesAsync(ct);
    }

    public static string ReasonName(CorrectionReason reason) => reason switch
    {
        CorrectionReason.WrongWeight => "wrong_weight",
        CorrectionReason.WrongCount => "wrong_count",
        CorrectionReason.WrongPartner => "wrong_partner",
        CorrectionReason.WrongDate => "wrong_date",
        _ => "entered_twice",
    };
}
