using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>
/// A shift entered by mistake goes away, as long as no stop was ever planned on it (then the courier
/// drops out instead, which keeps the history). The day's window capacity follows.
/// </summary>
public sealed class RemoveShiftHandler(IAppDbContext db, ICurrentUser user, ShiftCapacity capacity)
{
    public async Task HandleAsync(Guid shiftId, CancellationToken ct)
    {
        var shift = await db.Shifts.SingleOrDefaultAsync(s => s.Id == shiftId, ct) ?? throw new NotFoundException("shift", shiftId);
        user.RequireCity(shift.CityId, "shift", shiftId);
        if (await db.Pickups.AnyAsync(p => p.ShiftId == shiftId, ct))
        {
            throw new DomainRuleException(Rules.Shift.HasStops);
        }
        db.Shifts.Remove(shift);
        await db.SaveChangesAsync(ct);
        await capacity.FollowShiftsAsync(shift.CityId, shift.LocalDate, ct);
    }
}
