using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Application.Slots;

/// <summary>
/// Makes sure the windows a city offers exist as slot rows, so that a booking has a row to
/// take a place in. Created lazily for the dates someone looks at, never beyond the horizon.
/// </summary>
public sealed class SlotPlanner(IAppDbContext db, ISlotReservations slots, Dispatch.ShiftCapacity shiftCapacity)
{
    /// <summary>Whether the slot rows read for these days hold every window the city offers on them (the usual case).</summary>
    public static bool Covers(City city, DateOnly from, DateOnly to, IEnumerable<DateTimeOffset> starts)
    {
        var existing = starts.ToHashSet();
        return Windows(city, from, to).All(w => existing.Contains(w.Start));
    }

    public async Task EnsureAsync(City city, Guid districtId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var windows = Windows(city, from, to);
        var first = windows.Min(w => w.Start);
        var last = windows.Max(w => w.Start);
        var existing = await db.Slots.AsNoTracking()
            .Where(s => s.DistrictId == districtId && s.StartsAt >= first && s.StartsAt <= last)
            .Select(s => s.StartsAt)
            .ToListAsync(ct);
        var absent = windows.Where(w => !existing.Contains(w.Start)).ToList();
        if (absent.Count == 0)
        {
            return; // the usual case, on every listing of windows: no capacity to work out
        }
        var districts = await db.Districts.CountAsync(d => d.CityId == city.Id, ct);
        var shifts = (await db.Shifts.AsNoTracking().Where(s => s.CityId == city.Id && s.LocalDate >= from && s.LocalDate <= to && !s.DroppedOut).ToListAsync(ct))
            .ToLookup(s => s.LocalDate);
        var missing = absent.Select(w => Slot.Create(city.Id, districtId, w.Day, w.Start, w.End,
            shiftCapacity.PlacesFor([.. shifts[w.Day]], w.Start, w.End, districts) ?? city.Booking.DefaultCapacity)).ToList();
        // False when another request created the same windows first (unique district + start): theirs stand.
        // In order of start, as every planner writes them, so that two planners wait for each other, never deadlock.
        await slots.TryCreateAsync([.. missing.OrderBy(s => s.StartsAt)], ct);
    }

    private static List<(DateOnly Day, DateTimeOffset Start, DateTimeOffset End)> Windows(City city, DateOnly from, DateOnly to)
    {
        var zone = CityClock.Zone(city);
        var windows = new List<(DateOnly Day, DateTimeOffset Start, DateTimeOffset End)>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            windows.AddRange(city.Booking.WindowsOn(day, zone).Select(w => (day, w.Start, w.End)));
        }
        return windows;
    }
}
