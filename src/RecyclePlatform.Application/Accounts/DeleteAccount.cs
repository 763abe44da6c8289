using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Accounts;

/// <summary>
/// Account deletion: upcoming pickups are cancelled (their places freed), every pickup keeps
/// its record without the donor's name, address or phone, and then the account itself goes —
/// all in one transaction, so a failure leaves the account as it was.
/// </summary>
public sealed class DeleteAccountHandler(IAppDbContext db, SlotReservations reservations, TimeProvider time)
{
    /// <param name="deleteUser">Removes the account row (Identity's UserManager), inside the same transaction.</param>
    public async Task HandleAsync(Guid userId, Func<Task> deleteUser, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var pickups = await db.Pickups.Where(p => p.ConsumerId == userId).ToListAsync(ct);
        foreach (var pickup in pickups)
        {
            if (pickup.Status is PickupStatus.Booked or PickupStatus.Assigned)
            {
                pickup.Cancel(PickupActor.System, TimeSpan.Zero, now, "account deleted");
                await reservations.ReleaseAsync(pickup.SlotId, ct);
            }
            pickup.ForgetConsumer();
        }
        // Door photos may show the donor or their home: they go too; the ledger keeps only their hash.
        var pickupIds = pickups.Select(p => p.Id).ToList();
        await db.PickupPhotos.Where(p => pickupIds.Contains(p.PickupId)).ExecuteDeleteAsync(ct);
        // Without the salt nothing links the donor to their ledger commitments; the entries and every proof stay valid.
        await db.DonorLedgerSalts.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await deleteUser();
        await transaction.CommitAsync(ct);
    }
}
