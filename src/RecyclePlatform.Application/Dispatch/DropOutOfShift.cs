using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Dispatch;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>
/// The courier cannot work the shift: their stops not yet started come off the route, and one run
/// places them on the other shifts of the day (keeping everyone else's stops where they are).
/// </summary>
public sealed class DropOutOfShiftHandler(IAppDbContext db, ICurrentUser user, ShiftCapacity capacity, RequestDispatchRunHandler requestRun,
    TimeProvider time)
{
    public async Task<DispatchRunDto> HandleAsync(Guid shiftId, CancellationToken ct)
    {
        var shift = await db.Shifts.SingleOrDefaultAsync(s => s.Id == shiftId, ct) ?? throw new NotFoundException("shift", shiftId);
        user.RequireCity(shift.CityId, "shift", shiftId);
        shift.DropOut();
        var now = time.GetUtcNow();
        var stops = await db.Pickups.Where(p => p.ShiftId == shiftId && p.Status == Domain.Pickups.PickupStatus.Assigned).ToListAsync(ct);
        foreach (var pickup in stops)
        {
            pickup.LeaveUnplanned(UnservedReason.DayFull, now);
        }
        await db.SaveChangesAsync(ct);
        await capacity.FollowShiftsAsync(shift.CityId, shift.LocalDate, ct);
        return await requestRun.HandleAsync(new(shift.CityId, shift.LocalDate, DispatchRunKind.Redistribute), ct);
    }
}
