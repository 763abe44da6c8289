using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Accounts;

/// <summary>
/// Account deletion that really unlinks: upcoming pickups are cancelled (their places freed); every
/// pickup keeps its record, but its reference (printed on the bags) becomes a random tombstone, its
/// ledger commitment, address, notes and door positions go; the donor's salt, photos, messages,
/// idempotency records, shared impact link and e-mail copies go too. What is left are anonymous counts and the public
/// entries, which nothing kept can join to the person any more (docs/ledger.md lists it). One
/// transaction, so a failure leaves the account as it was; the e-mail copies go after the commit.
/// </summary>
public sealed class DeleteAccountHandler(IAppDbContext db, IIdentityService accounts, ISlotReservations reservations, IEmailArchive emails, TimeProvider time,
    Notifications.NotificationOutbox outbox)
{
    public async Task HandleAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var email = (await accounts.ContactsAsync([userId], ct)).GetValueOrDefault(userId)?.Email;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var pickups = await db.Pickups.Where(p => p.ConsumerId == userId).ToListAsync(ct);
        foreach (var pickup in pickups)
        {
            if (pickup.Status.IsPending())
            {
                pickup.Cancel(PickupActor.System, TimeSpan.Zero, now, null);
                await reservations.ReleaseAsync(pickup.SlotId, ct);
            }
            pickup.Erase(PickupReference.New());
        }
        // The collection points the donor organised carry their contact: they are called off with the other households
        // still to come there (who are told), and every copy of that address keeps only its district.
        var points = await db.CollectionPoints.Where(p => p.OrganisedBy == userId).ToListAsync(ct);
        var pointIds = points.Select(p => p.Id).ToList();
        points.ForEach(p => p.Forget(now));
        var pointCities = points.Select(p => p.CityId).Distinct().ToList();
        var zones = await db.Cities.Where(c => pointCities.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.TimeZoneId, ct);
        foreach (var pickup in await db.Pickups.Where(p => p.CollectionPointId != null && pointIds.Contains(p.CollectionPointId.Value) && p.ConsumerId != userId).ToListAsync(ct))
        {
            if (pickup.Status.IsPending())
            {
                pickup.Cancel(PickupActor.System, TimeSpan.Zero, now, Campaigns.CancelCollectionPointHandler.Note);
                await reservations.ReleaseAsync(pickup.SlotId, ct);
                outbox.Add(Notifications.NotificationKind.Cancelled, pickup, zones[pickup.CityId], now);
            }
            pickup.ForgetAddress();
        }
        var pickupIds = pickups.Select(p => p.Id).ToList();
        // Door photos may show the donor or their home; the ledger keeps only their hash.
        await db.PickupPhotos.Where(p => pickupIds.Contains(p.PickupId)).ExecuteDeleteAsync(ct);
        // Without the salt nothing opens the donor's commitments; the entries and every proof stay valid.
        await db.DonorLedgerSalts.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync(ct);
        await db.IdempotencyRecords.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        await db.TeamMembers.Where(m => m.UserId == userId).ExecuteDeleteAsync(ct);
        await db.PublicGivers.Where(g => g.UserId == userId).ExecuteDeleteAsync(ct);
        // A shared impact link stops working with the account.
        await db.ImpactShareLinks.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await accounts.DeleteAsync(userId, ct); // the account row, in the same transaction
        await transaction.CommitAsync(ct);
        if (!string.IsNullOrEmpty(email))
        {
            await emails.DeleteForRecipientAsync(email, CancellationToken.None);
        }
    }
}
