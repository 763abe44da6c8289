using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Slots;

/// <param name="Open">Bookable now: before the cut-off and with a place left.</param>
/// <param name="Version">The ETag a dispatcher's capacity override must match.</param>
/// <param name="CampaignId">The campaign whose own window this is (a pickup booked in it counts for the campaign); null for the city's.</param>
public sealed record SlotDto(Guid Id, Guid DistrictId, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string LocalStart, string LocalEnd, int PlacesLeft, bool Open, int Capacity, int Booked, bool CapacityOverridden, long Version,
    Guid? CampaignId = null);

/// <summary>A district near the one asked for, with the first day it has a free window.</summary>
public sealed record NearbyDistrictDto(Guid DistrictId, NameDto Name, double DistanceKm, DateOnly NextOpenDate);

/// <param name="NextOpenDate">The first day in the horizon with a free window here; null when there is none.</param>
/// <param name="Nearby">When this district has nothing free: the closest districts of the city that do.</param>
public sealed record SlotListDto(Guid DistrictId, string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<SlotDto> Slots,
    DateOnly? NextOpenDate, IReadOnlyList<NearbyDistrictDto> Nearby);

public sealed class SlotQueries(IAppDbContext db, SlotPlanner planner, ReferenceData places, TimeProvider time)
{
    /// <summary>
    /// The windows of one district between two local dates (default: today to the end of the
    /// booking horizon), with the places left in each.
    /// </summary>
    public async Task<SlotListDto> ListAsync(Guid districtId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (district, city) = await places.DistrictAsync(districtId, ct) ?? throw new NotFoundException("district", districtId);
        var now = time.GetUtcNow();
        var today = CityClock.Today(city, now);
        var horizonEnd = today.AddDays(city.Booking.HorizonDays - 1);
        var first = from is { } f && f > today ? f : today;
        var last = to is { } t && t < horizonEnd ? t : horizonEnd;
        if (last < first)
        {
            return new SlotListDto(districtId, city.TimeZoneId, first, last, [], null, []);
        }

        var slots = await WindowsAsync(city, districtId, first, last, now, ct);
        var nextOpen = slots.FirstOrDefault(s => s.Open)?.Date
            ?? (await WindowsAsync(city, districtId, today, horizonEnd, now, ct)).FirstOrDefault(s => s.Open)?.Date;
        IReadOnlyList<NearbyDistrictDto> nearby = [];
        if (nextOpen is null)
        {
            nearby = await NearbyWithSpaceAsync(city, district, today, horizonEnd, now, ct);
        }
        return new SlotListDto(districtId, city.TimeZoneId, first, last, slots, nextOpen, nearby);
    }

    private async Task<List<SlotDto>> WindowsAsync(Domain.Cities.City city, Guid districtId, DateOnly first, DateOnly last,
        DateTimeOffset now, CancellationToken ct)
    {
        var slots = await ReadAsync();
        var plan = SlotPlanner.Windows(city, await planner.CampaignsWithWindowsAsync(city.Id, first, last, ct), first, last);
        if (!SlotPlanner.Covers(plan, slots.Select(s => s.StartsAt)))
        {
            // Windows nobody has looked at yet: create them, then read again (once per district and day).
            await planner.EnsureAsync(city, districtId, plan, ct);
            slots = await ReadAsync();
        }
        // A campaign's window it no longer offers (its period or windows changed) takes no more bookings; its pickups stand.
        var offered = plan.Where(w => w.CampaignId is not null).Select(w => (w.Start, w.CampaignId)).ToHashSet();
        slots.RemoveAll(s => s.CampaignId is not null && !offered.Contains((s.StartsAt, s.CampaignId)));
        var zone = CityClock.Zone(city);
        var cutoff = city.Booking.Cutoff;
        return [.. slots.Select(s => new SlotDto(
            s.Id, s.DistrictId, s.LocalDate, s.StartsAt, s.EndsAt,
            TimeZoneInfo.ConvertTime(s.StartsAt, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            TimeZoneInfo.ConvertTime(s.EndsAt, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            s.PlacesLeft, s.PlacesLeft > 0 && s.IsOpenAt(now, cutoff), s.Capacity, s.Booked, s.CapacityOverridden, s.Version, s.CampaignId))];

        Task<List<Domain.Slots.Slot>> ReadAsync() => db.Slots.AsNoTracking()
            .Where(s => s.DistrictId == districtId && s.LocalDate >= first && s.LocalDate <= last)
            .OrderBy(s => s.StartsAt)
            .ToListAsync(ct);
    }

    /// <summary>Up to three other districts of the city, nearest first, that have a free window in the horizon.</summary>
    private async Task<IReadOnlyList<NearbyDistrictDto>> NearbyWithSpaceAsync(Domain.Cities.City city, Domain.Cities.District district,
        DateOnly today, DateOnly horizonEnd, DateTimeOffset now, CancellationToken ct)
    {
        var others = city.Districts.Where(d => d.Id != district.Id).ToList();
        var result = new List<NearbyDistrictDto>();
        foreach (var other in others.OrderBy(d => d.Centre.DistanceKmTo(district.Centre)))
        {
            var open = (await WindowsAsync(city, other.Id, today, horizonEnd, now, ct)).FirstOrDefault(s => s.Open);
            if (open is not null)
            {
                result.Add(new NearbyDistrictDto(other.Id, new NameDto(other.Name.English, other.Name.Chinese),
                    Math.Round(other.Centre.DistanceKmTo(district.Centre), 1), open.Date));
            }
            if (result.Count == 3)
            {
                break;
            }
        }
        return result;
    }
}
