using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Slots;

/// <param name="Open">Bookable now: before the cut-off and with a place left.</param>
public sealed record SlotDto(Guid Id, Guid DistrictId, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string LocalStart, string LocalEnd, int PlacesLeft, bool Open);

public sealed record SlotListDto(Guid DistrictId, string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<SlotDto> Slots);

public sealed class SlotQueries(IAppDbContext db, SlotPlanner planner, TimeProvider time)
{
    /// <summary>
    /// The windows of one district between two local dates (default: today to the end of the
    /// booking horizon), with the places left in each.
    /// </summary>
    public async Task<SlotListDto> ListAsync(Guid districtId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var district = await db.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == districtId, ct)
            ?? throw new NotFoundException("district", districtId);
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == district.CityId, ct);
        var now = time.GetUtcNow();
        var today = CityClock.Today(city, now);
        var horizonEnd = today.AddDays(city.Booking.HorizonDays - 1);
        var first = from is { } f && f > today ? f : today;
        var last = to is { } t && t < horizonEnd ? t : horizonEnd;
        if (last < first)
        {
            return new SlotListDto(districtId, city.TimeZoneId, first, last, []);
        }

        await planner.EnsureAsync(city, districtId, first, last, ct);
        var zone = CityClock.Zone(city);
        var cutoff = city.Booking.Cutoff;
        var slots = await db.Slots.AsNoTracking()
            .Where(s => s.DistrictId == districtId && s.LocalDate >= first && s.LocalDate <= last)
            .OrderBy(s => s.StartsAt)
            .ToListAsync(ct);
        return new SlotListDto(districtId, city.TimeZoneId, first, last, [.. slots.Select(s => new SlotDto(
            s.Id, s.DistrictId, s.LocalDate, s.StartsAt, s.EndsAt,
            TimeZoneInfo.ConvertTime(s.StartsAt, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            TimeZoneInfo.ConvertTime(s.EndsAt, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            s.PlacesLeft, s.PlacesLeft > 0 && s.IsOpenAt(now, cutoff)))]);
    }
}
