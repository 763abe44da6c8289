using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>Deactivates a courier: they come off their coming shifts and routes, and the window capacity of those days follows.</summary>
public sealed class DeactivateCourierHandler(IAppDbContext db, ICurrentUser user, ShiftCapacity capacity, TimeProvider time)
{
    public async Task HandleAsync(Guid courierId, CancellationToken ct)
    {
        var courier = await db.Couriers.SingleOrDefaultAsync(c => c.Id == courierId, ct) ?? throw new NotFoundException("courier", courierId);
        user.RequireCity(courier.CityId, "courier", courierId);
        courier.Deactivate();
        var now = time.GetUtcNow();
        var shifts = await db.Shifts.Where(s => s.CourierId == courierId && !s.DroppedOut && s.EndsAt > now).ToListAsync(ct);
        foreach (var shift in shifts)
        {
            shift.DropOut();
        }
        var stops = await db.Pickups.Where(p => p.CourierId == courierId && p.Status == PickupStatus.Assigned).ToListAsync(ct);
        foreach (var stop in stops)
        {
            stop.LeaveUnplanned(UnservedReason.NoShift, now);
        }
        await db.SaveChangesAsync(ct);
        foreach (var day in shifts.Select(s => s.LocalDate).Distinct())
        {
            await capacity.FollowShiftsAsync(courier.CityId, day, ct);
        }
    }
}
