using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>
/// One city's day as the planner needs it: the shifts that work it, the hubs, and the pickups still
/// to collect, with the conversion to a <see cref="RoutingProblem"/> (seconds since local midnight)
/// and back. Shared by automatic planning and the manual move's warnings.
/// </summary>
public sealed class DayPlan
{
    public required City City { get; init; }
    public required DateOnly Day { get; init; }
    public required DateTimeOffset DayStart { get; init; }
    public required IReadOnlyList<Shift> Shifts { get; init; }
    public required IReadOnlyList<Hub> Hubs { get; init; }

    /// <summary>Booked, assigned and en-route pickups of the day (tracked, so a plan can be saved on them).</summary>
    public required IReadOnlyList<Pickup> Open { get; init; }

    /// <summary>Bags and kg already in each shift's vehicle (collected, not yet at the hub).</summary>
    public required IReadOnlyDictionary<Guid, (int Bags, int Kg)> OnBoard { get; init; }

    /// <summary>The highest route position of each shift's finished stops; new positions follow it.</summary>
    public required IReadOnlyDictionary<Guid, int> DonePositions { get; init; }

    public required IReadOnlyDictionary<Guid, GeoPoint> DistrictCentres { get; init; }

    public static async Task<DayPlan> LoadAsync(IAppDbContext db, Guid cityId, DateOnly day, CancellationToken ct)
    {
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == cityId, ct);
        var zone = CityClock.Zone(city);
        var (dayStart, dayEnd) = CityClock.DayBounds(day, zone);
        var shifts = await db.Shifts.Where(s => s.CityId == cityId && s.LocalDate == day && !s.DroppedOut).ToListAsync(ct);
        var hubs = await db.Hubs.AsNoTracking().Where(h => h.CityId == cityId).ToListAsync(ct);
        var pickups = await db.Pickups
            .Where(p => p.CityId == cityId && p.WindowStart >= dayStart && p.WindowStart < dayEnd)
            .Where(p => p.Status != PickupStatus.Cancelled)
            .ToListAsync(ct);
        var done = pickups.Where(p => !p.Status.IsOpen() && p.ShiftId is not null).ToList();
        var centres = await db.Districts.AsNoTracking().Where(d => d.CityId == cityId).ToDictionaryAsync(d => d.Id, d => d.Centre, ct);
        return new DayPlan
        {
            City = city,
            Day = day,
            DayStart = dayStart,
            Shifts = [.. shifts.OrderBy(s => s.StartsAt).ThenBy(s => s.Id)],
            Hubs = hubs,
            Open = [.. pickups.Where(p => p.Status.IsOpen())
                .OrderBy(p => p.WindowStart).ThenBy(p => p.Reference)],
            OnBoard = done.Where(p => p.Status == PickupStatus.PickedUp).GroupBy(p => p.ShiftId!.Value)
                .ToDictionary(g => g.Key, g => (g.Sum(p => p.Collection?.Bags ?? p.Donation.Bags), (int)Math.Ceiling(g.Sum(p => p.Collection?.WeightKg ?? p.Donation.EstimatedKg)))),
            DonePositions = done.GroupBy(p => p.ShiftId!.Value).ToDictionary(g => g.Key, g => g.Max(p => p.RouteOrder ?? 0)),
            DistrictCentres = centres,
        };
    }

    /// <summary>A stop above a courier's even share of the day costs like 10 minutes' more driving.</summary>
    public const long ExtraStopSeconds = 600;

    public GeoPoint Where(Pickup pickup) =>
        pickup.Address.Latitude is { } lat && pickup.Address.Longitude is { } lon ? new GeoPoint(lat, lon) : DistrictCentres[pickup.Address.DistrictId];

    public long Seconds(DateTimeOffset at) => (long)(at - DayStart).TotalSeconds;

    public DateTimeOffset At(long seconds) => DayStart.AddSeconds(seconds);

    /// <summary>
    /// The routing problem over <paramref name="stops"/> and <paramref name="shifts"/>. Vehicles leave no
    /// earlier than <paramref name="now"/>; an en-route stop stays first on its own shift's route.
    /// </summary>
    public async Task<RoutingProblem> ProblemAsync(IReadOnlyList<Pickup> stops, IReadOnlyList<Shift> shifts, ITravelTimes travel, CityTravel speed,
        DateTimeOffset now, Func<Pickup, int?>? keepOn, CancellationToken ct)
    {
        var hubIndex = Hubs.Select((h, i) => (h.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var points = Hubs.Select(h => h.Location).Concat(stops.Select(Where)).ToList();
        var matrix = await travel.MatrixAsync(points, speed, ct);
        var nowSeconds = Seconds(now);
        var horizon = Seconds(DayStart.AddDays(2));
        var routeStops = stops.Select(p =>
        {
            var service = StopServiceTime.Seconds(p.Donation.Bags);
            var started = p.Status == PickupStatus.EnRoute;
            return new RouteStop(started ? 0 : Seconds(p.WindowStart), started ? horizon : Seconds(p.WindowEnd), service, p.Donation.Bags, p.Donation.EstimatedKg)
            {
                KeepOnVehicle = keepOn?.Invoke(p),
            };
        }).ToList();
        var vehicles = shifts.Select(s =>
        {
            var onBoard = OnBoard.GetValueOrDefault(s.Id);
            var locked = stops.Select((p, i) => (p, i)).Where(x => x.p.Status == PickupStatus.EnRoute && x.p.ShiftId == s.Id).Select(x => (int?)x.i).FirstOrDefault();
            var end = Seconds(s.EndsAt);
            return new RouteVehicle(hubIndex[s.StartHubId], hubIndex[s.EndHubId], Math.Min(Math.Max(Seconds(s.StartsAt), nowSeconds), end), end,
                Math.Max(0, s.CapacityBags - onBoard.Bags), Math.Max(0, s.CapacityKg - onBoard.Kg))
            {
                LockedFirstStop = locked,
            };
        }).ToList();
        return new RoutingProblem { DepotCount = Hubs.Count, Vehicles = vehicles, Stops = routeStops, Travel = matrix, ExtraStopCost = ExtraStopSeconds };
    }
}
