using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Dispatch;

/// <param name="Approximate">The donor gave no position: the stop is drawn at its district's centre (as the route search places it).</param>
public sealed record BoardStopDto(string Reference, PickupStatus Status, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, NameDto District,
    int Bags, int EstimatedKg, int? RouteOrder, DateTimeOffset? PlannedArrival, UnservedReason? UnservedReason,
    double Latitude, double Longitude, bool Approximate);

public sealed record BoardRouteDto(Guid ShiftId, Guid CourierId, string CourierName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, NameDto StartHub,
    int CapacityBags, int CapacityKg, bool DroppedOut, int LoadBags, int LoadKg, int Done, IReadOnlyList<BoardStopDto> Stops,
    double HubLatitude, double HubLongitude);

public sealed record BoardCountsDto(int Total, int Unassigned, int Assigned, int EnRoute, int Collected, int Failed, int Cancelled);

public sealed record BoardHubDto(Guid Id, NameDto Name);

public sealed record BoardCourierDto(Guid Id, string Name, bool Active);

/// <summary>One city's day on the dispatcher's board: the counts, the unassigned pickups first, then each shift's route.</summary>
/// <param name="Shape">A short fingerprint of which stops each route holds and its load: a page compares it with what it shows to tell when its routes are stale.</param>
public sealed record DispatchBoardDto(Guid CityId, NameDto City, string TimeZone, DateOnly Day, BoardCountsDto Counts,
    IReadOnlyList<BoardStopDto> Unassigned, IReadOnlyList<BoardRouteDto> Routes, DispatchRunDto? LatestRun,
    IReadOnlyList<BoardHubDto> Hubs, IReadOnlyList<BoardCourierDto> Couriers, string Shape);

public sealed class DispatchBoard(IAppDbContext db, ICurrentUser user, TimeProvider time)
{
    public async Task<DispatchBoardDto> GetAsync(Guid cityId, DateOnly? day, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        var city = await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cityId, ct) ?? throw new NotFoundException("city", cityId);
        var date = day ?? CityClock.Today(city, time.GetUtcNow());
        var zone = CityClock.Zone(city);
        var (dayStart, dayEnd) = CityClock.DayBounds(date, zone);
        var rows = await (from p in db.Pickups.AsNoTracking()
                          join d in db.Districts on p.Address.DistrictId equals d.Id
                          where p.CityId == cityId && p.WindowStart >= dayStart && p.WindowStart < dayEnd
                          select new { p.ShiftId, p.CourierId, p.Status, p.Reference, p.WindowStart, p.WindowEnd, d.Name, p.Donation, p.RouteOrder, p.PlannedArrival, p.UnservedReason,
                              p.Address.Latitude, p.Address.Longitude, CentreLatitude = d.Centre.Latitude, CentreLongitude = d.Centre.Longitude })
            .ToListAsync(ct);
        var stops = rows.Select(r => (r.ShiftId, r.CourierId, Stop: new BoardStopDto(PickupReference.Format(r.Reference), r.Status, r.WindowStart, r.WindowEnd,
            new NameDto(r.Name.English, r.Name.Chinese), r.Donation.Bags, r.Donation.EstimatedKg, r.RouteOrder, r.PlannedArrival, r.UnservedReason,
            r.Latitude ?? r.CentreLatitude, r.Longitude ?? r.CentreLongitude, r.Latitude is null || r.Longitude is null))).ToList();
        var shifts = await (from s in db.Shifts.AsNoTracking()
                            join c in db.Couriers on s.CourierId equals c.Id
                            join h in db.Hubs on s.StartHubId equals h.Id
                            where s.CityId == cityId && s.LocalDate == date
                            orderby s.DroppedOut, s.StartsAt, c.DisplayName
                            select new { Shift = s, c.DisplayName, HubName = h.Name, HubLatitude = h.Location.Latitude, HubLongitude = h.Location.Longitude })
            .ToListAsync(ct);
        var routes = shifts.Select(s =>
        {
            var own = stops.Where(x => x.ShiftId == s.Shift.Id && x.Stop.Status.IsRouted())
                .Select(x => x.Stop).OrderBy(x => x.RouteOrder).ThenBy(x => x.WindowStart).ToList();
            // The vehicle's load: what it is to collect and what it already carries.
            var carried = own.Where(x => x.Status.IsOnRoute() || x.Status == PickupStatus.PickedUp).ToList();
            return new BoardRouteDto(s.Shift.Id, s.Shift.CourierId, s.DisplayName, s.Shift.StartsAt, s.Shift.EndsAt, new NameDto(s.HubName.English, s.HubName.Chinese),
                s.Shift.CapacityBags, s.Shift.CapacityKg, s.Shift.DroppedOut, carried.Sum(x => x.Bags), carried.Sum(x => x.EstimatedKg),
                own.Count(x => !x.Status.IsOnRoute()), own, s.HubLatitude, s.HubLongitude);
        }).ToList();
        // Stops assigned by hand to a courier without a shift still show, under no route.
        var unassigned = stops.Where(x => x.Stop.Status == PickupStatus.Booked || (x.ShiftId is null && x.Stop.Status == PickupStatus.Assigned))
            .Select(x => x.Stop).OrderBy(x => x.WindowStart).ThenBy(x => x.Reference).ToList();
        var all = stops.Select(x => x.Stop).ToList();
        var counts = new BoardCountsDto(all.Count, all.Count(x => x.Status == PickupStatus.Booked), all.Count(x => x.Status == PickupStatus.Assigned),
            all.Count(x => x.Status == PickupStatus.EnRoute), all.Count(x => x.Status.IsCollected()),
            all.Count(x => x.Status == PickupStatus.Failed), all.Count(x => x.Status == PickupStatus.Cancelled));
        var run = await db.DispatchRuns.AsNoTracking().Where(r => r.CityId == cityId && r.Day == date).OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(ct);
        var hubs = await db.Hubs.AsNoTracking().Where(h => h.CityId == cityId).Select(h => new BoardHubDto(h.Id, new NameDto(h.Name.English, h.Name.Chinese))).ToListAsync(ct);
        var couriers = await db.Couriers.AsNoTracking().Where(c => c.CityId == cityId).OrderBy(c => c.DisplayName)
            .Select(c => new BoardCourierDto(c.Id, c.DisplayName, c.Active)).ToListAsync(ct);
        var shape = string.Join(";", routes.Select(r => $"{r.ShiftId:N}:{r.DroppedOut}:{r.LoadBags}:{r.LoadKg}:{string.Join(",", r.Stops.Select(s => s.Reference))}"))
            + "|" + string.Join(",", unassigned.Select(s => s.Reference));
        return new DispatchBoardDto(cityId, new NameDto(city.Name.English, city.Name.Chinese), city.TimeZoneId, date, counts, unassigned, routes,
            run is null ? null : DispatchRunDto.From(run), hubs, couriers,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(shape)))[..16]);
    }
}
