using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Ledger;

/// <summary>The donor's salt, made once (in Infrastructure, because "insert unless there" is each database's own SQL).</summary>
public interface IDonorSalts
{
    /// <summary>
    /// The donor's salt, created when missing. Two first collections of one donor at the same
    /// moment share one salt; the insert is its own statement and harmless if the caller's change
    /// then fails (a salt alone says nothing).
    /// </summary>
    Task<byte[]> EnsureAsync(Guid userId, CancellationToken ct);
}

/// <summary>How entries name a pickup (its commitment) and its bags (label commitments made from the opening).</summary>
public sealed record PickupOpening(HexDigest Commitment, byte[] Opening)
{
    public HexDigest Label(string labelId) => DonorCommitment.LabelCommitment(Opening, labelId);
}

/// <summary>Gives pickups their ledger commitment and donors their receipt codes (see <see cref="DonorCommitment"/>).</summary>
public sealed class DonorCommitments(IAppDbContext db, IDonorSalts salts)
{
    /// <summary>
    /// The pickup's opening, fixing its commitment at the first custody entry. Without a donor (a
    /// community-drive pickup, or the account was deleted) the opening comes from a random salt that
    /// is never kept, so nobody can open it.
    /// </summary>
    public async Task<PickupOpening> OpeningForAsync(Pickup pickup, CancellationToken ct)
    {
        var salt = pickup.ConsumerId is { } consumer ? await salts.EnsureAsync(consumer, ct) : DonorCommitment.NewSalt();
        var opening = DonorCommitment.Opening(salt, pickup.Reference);
        // A pickup without a donor keeps the commitment its first entry gave it (made from a salt nobody kept).
        var commitment = HexDigest.Parse(pickup.LedgerCommitment ?? DonorCommitment.Commitment(opening));
        pickup.CommitToLedger(commitment.Code);
        return new PickupOpening(commitment, opening);
    }

    /// <summary>
    /// How entries name the pickup, without its labels: the commitment it already has (no salt to read),
    /// else a new one from its opening.
    /// </summary>
    public async Task<HexDigest> CommitmentAsync(Pickup pickup, CancellationToken ct) =>
        pickup.LedgerCommitment is { } existing ? HexDigest.Parse(existing) : (await OpeningForAsync(pickup, ct)).Commitment;

    /// <summary>The receipt code that opens the pickup's commitment; null once the donor's salt is gone.</summary>
    public async Task<string?> ReceiptCodeAsync(Pickup pickup, CancellationToken ct)
    {
        if (pickup.LedgerCommitment is null || pickup.ConsumerId is not { } consumer || await SaltAsync(consumer, ct) is not { } salt)
        {
            return null;
        }
        var opening = DonorCommitment.Opening(salt, pickup.Reference);
        return DonorCommitment.Commitment(opening) == pickup.LedgerCommitment ? DonorCommitment.ReceiptCode(opening) : null;
    }

    private async Task<byte[]?> SaltAsync(Guid userId, CancellationToken ct) =>
        await db.DonorLedgerSalts.AsNoTracking().Where(s => s.UserId == userId).Select(s => s.Salt).SingleOrDefaultAsync(ct);
}
