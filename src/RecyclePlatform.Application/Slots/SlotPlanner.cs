using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Application.Slots;

/// <summary>
/// Makes sure the windows a city offers exist as slot rows, so that a booking has a row to
/// take a place in. Created lazily for the dates someone looks at, never beyond the horizon.
/// </summary>
public sealed class SlotPlanner(IAppDbContext db, Dispatch.ShiftCapacity shiftCapacity)
{
    public async Task EnsureAsync(City city, Guid districtId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var zone = CityClock.Zone(city);
        var wanted = new List<Slot>();
        var districts = await db.Districts.CountAsync(d => d.CityId == city.Id, ct);
        var shifts = (await db.Shifts.AsNoTracking().Where(s => s.CityId == city.Id && s.LocalDate >= from && s.LocalDate <= to && !s.DroppedOut).ToListAsync(ct))
            .ToLookup(s => s.LocalDate);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var (start, end) in city.Booking.WindowsOn(day, zone))
            {
                var places = shiftCapacity.PlacesFor([.. shifts[day]], start, end, districts) ?? city.Booking.DefaultCapacity;
                wanted.Add(Slot.Create(city.Id, districtId, day, start, end, places));
            }
        }
        var first = wanted.Min(s => s.StartsAt);
        var last = wanted.Max(s => s.StartsAt);
        var existing = await db.Slots.AsNoTracking()
            .Where(s => s.DistrictId == districtId && s.StartsAt >= first && s.StartsAt <= last)
            .Select(s => s.StartsAt)
            .ToListAsync(ct);
        var missing = wanted.Where(s => !existing.Contains(s.StartsAt)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        db.Slots.AddRange(missing);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request created the same windows first (unique district + start): theirs stand.
            foreach (var slot in missing)
            {
                db.Slots.Entry(slot).State = EntityState.Detached;
            }
        }
    }
}
