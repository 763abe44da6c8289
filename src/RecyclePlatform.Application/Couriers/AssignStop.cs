using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Couriers;

/// <summary>
/// A dispatcher puts a booked stop on a courier's route by hand (automatic planning is the dispatch
/// issue's). Both must be in a city the dispatcher plans; the courier must be active.
/// </summary>
public sealed class AssignStopHandler(IAppDbContext db, ICurrentUser user, TimeProvider time)
{
    public async Task HandleAsync(string reference, Guid courierId, int routeOrder, CancellationToken ct)
    {
        var canonical = Domain.Pickups.PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var pickup = await db.Pickups.SingleOrDefaultAsync(p => p.Reference == canonical, ct) ?? throw new NotFoundException("pickup", reference);
        user.RequireCity(pickup.CityId, "pickup", reference);
        // A courier of another city does not exist for this pickup: the same 404 as an unknown id, so ids of other cities stay unprobed.
        var courier = await db.Couriers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courierId && c.CityId == pickup.CityId, ct)
            ?? throw new NotFoundException("courier", courierId);
        if (!courier.Active)
        {
            throw new DomainRuleException(Rules.Courier.Inactive);
        }
        pickup.Assign(courier.Id, routeOrder, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
