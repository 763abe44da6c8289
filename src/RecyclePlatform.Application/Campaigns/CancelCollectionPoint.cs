using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Campaigns;

/// <summary>
/// The organiser calls a collection point off before the booking cut-off: every member's pickup booked there (and not
/// yet set off to: booked, or assigned to a courier) is cancelled with it (each member is told, as when they cancel themselves) and their places go back to the window.
/// </summary>
public sealed class CancelCollectionPointHandler(IAppDbContext db, ICurrentUser user, TimeProvider time, ISlotReservations reservations,
    NotificationOutbox outbox, IAdvisoryLocks locks)
{
    public const string Note = "collection point cancelled";

    public async Task HandleAsync(Guid pointId, CancellationToken ct)
    {
        var userId = user.Id ?? throw new InvalidOperationException("Needs a signed-in donor.");
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await locks.LockForTransactionAsync(BookAtCollectionPointHandler.LockId(pointId), ct);
        var point = await db.CollectionPoints.SingleOrDefaultAsync(p => p.Id == pointId, ct) ?? throw new NotFoundException("collection point", pointId);
        var team = await db.Teams.AsNoTracking().SingleAsync(t => t.Id == point.TeamId, ct);
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == point.CityId, ct);
        var now = time.GetUtcNow();
        point.Cancel(team, userId, now);
        if (now >= point.WindowStart - city.Booking.Cutoff)
        {
            throw new DomainRuleException(Rules.Pickup.AfterCutoff); // couriers may be on their way: dispatch cancels from here
        }
        var households = await db.Pickups.Where(p => p.CollectionPointId == pointId && PickupStatuses.Pending.Contains(p.Status)).ToListAsync(ct);
        foreach (var pickup in households)
        {
            pickup.Cancel(PickupActor.Consumer, city.Booking.Cutoff, now, Note);
            await reservations.ReleaseAsync(pickup.SlotId, ct);
            outbox.Add(NotificationKind.Cancelled, pickup, city.TimeZoneId, now);
        }
        // A member booking at this moment waits on the point's lock until this commits, then finds it cancelled.
        await VersionGuard.SaveOrReportStaleAsync(db, point, "collection point", "", ct);
        await transaction.CommitAsync(ct);
    }
}
