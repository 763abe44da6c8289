using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Ledger;

/// <summary>Gives pickups their ledger commitment and donors their receipt codes (see <see cref="DonorCommitment"/>).</summary>
public sealed class DonorCommitments(IAppDbContext db)
{
    /// <summary>
    /// Makes sure the donor has a salt, saved on its own before the use case changes anything:
    /// two first pickups of one donor collected at the same moment then share one salt instead of
    /// one of them failing on the duplicate.
    /// </summary>
    public async Task PrepareAsync(Pickup pickup, CancellationToken ct)
    {
        if (pickup.LedgerCommitment is not null || pickup.ConsumerId is not { } consumer
            || await db.DonorLedgerSalts.AnyAsync(s => s.UserId == consumer, ct))
        {
            return;
        }
        var salt = new DonorLedgerSalt { UserId = consumer, Salt = DonorCommitment.NewSalt() };
        db.DonorLedgerSalts.Add(salt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(salt).State = EntityState.Detached;
            // Another request made it first: use theirs. Anything else is a real failure.
            if (!await db.DonorLedgerSalts.AsNoTracking().AnyAsync(s => s.UserId == consumer, ct))
            {
                throw;
            }
        }
    }

    /// <summary>The pickup's commitment, made from the donor's salt (see <see cref="PrepareAsync"/>) when it has none.</summary>
    public async Task<string> CommitmentForAsync(Pickup pickup, CancellationToken ct)
    {
        if (pickup.LedgerCommitment is { } existing)
        {
            return existing;
        }
        var salt = pickup.ConsumerId is { } consumer ? await SaltAsync(consumer, ct) : null;
        // Without a donor (account deleted) the opening is made from a random salt that is never kept.
        var opening = DonorCommitment.Opening(salt ?? DonorCommitment.NewSalt(), pickup.Reference);
        var commitment = DonorCommitment.Commitment(opening);
        pickup.CommitToLedger(commitment);
        return commitment;
    }

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
