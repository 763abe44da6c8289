using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>
/// Window capacity follows the shifts: each shift that works a whole window adds
/// <see cref="DispatchOptions.PlacesPerCourierHour"/> places per hour of it, shared out over the city's
/// districts (rounded up, so a district is never left at zero while couriers work). A day with no
/// shifts yet keeps the city's default; a dispatcher's override always wins.
/// </summary>
public sealed class ShiftCapacity(IAppDbContext db, ISlotReservations slots, IOptions<DispatchOptions> options)
{
    /// <summary>The places of one district's window, from the shifts of its day (null: no shifts, use the default).</summary>
    public int? PlacesFor(IReadOnlyCollection<Shift> shifts, DateTimeOffset windowStart, DateTimeOffset windowEnd, int districts)
    {
        if (shifts.Count == 0)
        {
            return null;
        }
        var covering = shifts.Count(s => s.Covers(windowStart, windowEnd));
        var cityPlaces = covering * options.Value.PlacesPerCourierHour * (windowEnd - windowStart).TotalHours;
        return (int)Math.Min(Slot.MaxCapacity, Math.Ceiling(cityPlaces / Math.Max(1, districts)));
    }

    /// <summary>Re-derives the capacity of the day's windows that no dispatcher overrode. Places already booked stay booked.</summary>
    public async Task FollowShiftsAsync(Guid cityId, DateOnly day, CancellationToken ct)
    {
        var defaultCapacity = await db.Cities.Where(c => c.Id == cityId).Select(c => c.Booking.DefaultCapacity).SingleAsync(ct);
        var shifts = await db.Shifts.AsNoTracking().Where(s => s.CityId == cityId && s.LocalDate == day && !s.DroppedOut).ToListAsync(ct);
        var districts = await db.Districts.CountAsync(d => d.CityId == cityId, ct);
        var windows = await db.Slots.AsNoTracking().Where(s => s.CityId == cityId && s.LocalDate == day && !s.CapacityOverridden)
            .Select(s => new { s.StartsAt, s.EndsAt }).Distinct().ToListAsync(ct);
        foreach (var window in windows)
        {
            var places = Math.Clamp(PlacesFor(shifts, window.StartsAt, window.EndsAt, districts) ?? defaultCapacity, 0, Slot.MaxCapacity);
            await slots.FollowCapacityAsync(cityId, window.StartsAt, places, ct);
        }
    }
}
