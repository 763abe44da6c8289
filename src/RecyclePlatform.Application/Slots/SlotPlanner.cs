using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Application.Slots;

/// <summary>A window a district offers on a day: the city's, or a campaign's own (<paramref name="CampaignId"/>).</summary>
public sealed record PlannedWindow(DateOnly Day, DateTimeOffset Start, DateTimeOffset End, Guid? CampaignId);

/// <summary>
/// Makes sure the windows a city offers exist as slot rows, so that a booking has a row to
/// take a place in. Created lazily for the dates someone looks at, never beyond the horizon.
/// A campaign running in the city adds its own windows on the days of its period.
/// </summary>
public sealed class SlotPlanner(IAppDbContext db, ISlotReservations slots, Dispatch.ShiftCapacity shiftCapacity, CampaignWindowsCache campaigns)
{
    /// <summary>
    /// The campaigns with windows of their own that run in the city on any of these days, the most recently started first,
    /// from this node's copy (<see cref="CampaignWindowsCache"/>).
    /// </summary>
    public async Task<List<Campaign>> CampaignsWithWindowsAsync(Guid cityId, DateOnly from, DateOnly to, CancellationToken ct) =>
        [.. (await campaigns.CurrentAsync(db, ct)).Where(c => c.StartsOn <= to && c.EndsOn >= from && c.RunsIn(cityId))];

    /// <summary>
    /// The windows of the days, earliest first: the city's, then each campaign's own that overlaps none before it
    /// (a city's windows always win, then the most recently started campaign's).
    /// </summary>
    public static List<PlannedWindow> Windows(City city, IReadOnlyList<Campaign> campaigns, DateOnly from, DateOnly to)
    {
        var zone = CityClock.Zone(city);
        var windows = new List<PlannedWindow>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var ofDay = city.Booking.WindowsOn(day, zone).Select(w => new PlannedWindow(day, w.Start, w.End, null)).ToList();
            foreach (var campaign in campaigns.Where(c => c.RunsIn(city.Id)))
            {
                foreach (var own in campaign.WindowsOn(day))
                {
                    if (zone.IsInvalidTime(day.ToDateTime(own.Starts)) || zone.IsInvalidTime(day.ToDateTime(own.Ends)))
                    {
                        continue; // a local time a daylight-saving change skips that day
                    }
                    var window = new PlannedWindow(day, CityClock.At(day, own.Starts, zone), CityClock.At(day, own.Ends, zone), campaign.Id);
                    if (!ofDay.Any(w => w.Start < window.End && window.Start < w.End))
                    {
                        ofDay.Add(window);
                    }
                }
            }
            windows.AddRange(ofDay.OrderBy(w => w.Start));
        }
        return windows;
    }

    /// <summary>Whether the slot rows read for these days hold every window offered on them (the usual case).</summary>
    public static bool Covers(IEnumerable<PlannedWindow> windows, IEnumerable<DateTimeOffset> starts)
    {
        var existing = starts.ToHashSet();
        return windows.All(w => existing.Contains(w.Start));
    }

    /// <summary>Whether a booking may still take a place in the slot: a city's window, or a campaign's that the campaign still offers.</summary>
    /// <remarks>Asks the database, not the node's copy: a window a campaign dropped a moment ago takes no booking.</remarks>
    public async Task<bool> StillOffersAsync(City city, Slot slot, CancellationToken ct)
    {
        if (slot.CampaignId is null)
        {
            return true;
        }
        var running = await Campaigns.RunningCampaigns.InAsync(db, city.Id, slot.LocalDate, ct);
        return Windows(city, running, slot.LocalDate, slot.LocalDate).Any(w => w.Start == slot.StartsAt && w.CampaignId == slot.CampaignId);
    }

    public async Task EnsureAsync(City city, Guid districtId, DateOnly from, DateOnly to, CancellationToken ct) =>
        await EnsureAsync(city, districtId, Windows(city, await CampaignsWithWindowsAsync(city.Id, from, to, ct), from, to), ct);

    public async Task EnsureAsync(City city, Guid districtId, IReadOnlyList<PlannedWindow> windows, CancellationToken ct)
    {
        if (windows.Count == 0)
        {
            return;
        }
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
        var (from, to) = (absent.Min(w => w.Day), absent.Max(w => w.Day));
        var districts = await db.Districts.CountAsync(d => d.CityId == city.Id, ct);
        var shifts = (await db.Shifts.AsNoTracking().Where(s => s.CityId == city.Id && s.LocalDate >= from && s.LocalDate <= to && !s.DroppedOut).ToListAsync(ct))
            .ToLookup(s => s.LocalDate);
        var missing = absent.Select(w => Slot.Create(city.Id, districtId, w.Day, w.Start, w.End,
            shiftCapacity.PlacesFor([.. shifts[w.Day]], w.Start, w.End, districts) ?? city.Booking.DefaultCapacity, w.CampaignId)).ToList();
        // False when another request created the same windows first (unique district + start): theirs stand.
        // In order of start, as every planner writes them, so that two planners wait for each other, never deadlock.
        await slots.TryCreateAsync([.. missing.OrderBy(s => s.StartsAt)], ct);
    }
}
