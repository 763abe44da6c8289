using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Couriers;

public sealed record StopDto(
    string Reference, PickupStatus Status, int? RouteOrder, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string TimeZone,
    NameDto District, string Street, string? Building, string ContactName, string Phone, string? AccessNotes,
    double? Latitude, double? Longitude, int BagsExpected, IReadOnlyList<string> Labels, long Version,
    IReadOnlyList<ItemCategories> Categories, WeightBand Weight, ItemCondition Condition,
    double MapLatitude, double MapLongitude, bool Approximate, bool AtCollectionPoint = false);

/// <summary>A courier's own stops. Anyone else's stop is simply not found.</summary>
public sealed class CourierStops(IAppDbContext db, ICurrentUser user, TimeProvider time, ReferenceData places)
{
    public async Task<Courier> CurrentCourierAsync(CancellationToken ct)
    {
        var userId = user.Id;
        return await db.Couriers.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId, ct)
            ?? throw new NotFoundException("courier", userId ?? Guid.Empty);
    }

    /// <summary>The stops of one local day (default: today in the courier's city), in route order.</summary>
    public async Task<(DateOnly Day, IReadOnlyList<StopDto> Stops)> ForDayAsync(DateOnly? day, CancellationToken ct)
    {
        var courier = await CurrentCourierAsync(ct);
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == courier.CityId, ct);
        var date = day ?? CityClock.Today(city, time.GetUtcNow());
        var zone = CityClock.Zone(city);
        var (from, to) = CityClock.DayBounds(date, zone);
        var stops = await Query(courier.Id, p => p.WindowStart >= from && p.WindowStart < to).ToListAsync(ct);
        return (date, [.. stops.OrderBy(s => s.Pickup.RouteOrder ?? int.MaxValue).ThenBy(s => s.Pickup.WindowStart).Select(s => ToDto(s, city.TimeZoneId))]);
    }

    public async Task<StopDto> GetAsync(string reference, CancellationToken ct)
    {
        var courier = await CurrentCourierAsync(ct);
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var stop = await Query(courier.Id, p => p.Reference == canonical).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("pickup", reference);
        var zone = await db.Cities.Where(c => c.Id == courier.CityId).Select(c => c.TimeZoneId).SingleAsync(ct);
        return ToDto(stop, zone);
    }

    /// <summary>
    /// A stop the courier's use case holds, just saved: the same answer as <see cref="GetAsync"/> without reading it back
    /// (the district and the city come from the node's copy of the reference data).
    /// </summary>
    public async Task<StopDto> FromAsync(Pickup stop, Courier courier, CancellationToken ct)
    {
        var (district, _) = await places.DistrictAsync(stop.Address.DistrictId, ct)
            ?? throw new InvalidOperationException($"The district of pickup {stop.Id} is gone.");
        var city = await places.CityAsync(courier.CityId, ct) ?? throw new NotFoundException("city", courier.CityId);
        return ToDto(stop, new NameDto(district.Name.English, district.Name.Chinese), city.TimeZoneId, district.Centre.Latitude, district.Centre.Longitude);
    }

    private IQueryable<StopRow> Query(Guid courierId, Expression<Func<Pickup, bool>> filter) =>
        from p in db.Pickups.AsNoTracking().Where(filter)
        join d in db.Districts on p.Address.DistrictId equals d.Id
        where p.CourierId == courierId && PickupStatuses.Routed.Contains(p.Status)
        select new StopRow(p, new NameDto(d.Name.English, d.Name.Chinese), d.Centre.Latitude, d.Centre.Longitude);

    private static StopDto ToDto(StopRow row, string timeZone) => ToDto(row.Pickup, row.District, timeZone, row.CentreLatitude, row.CentreLongitude);

    private static StopDto ToDto(Pickup p, NameDto district, string timeZone, double centreLatitude, double centreLongitude) =>
        new(PickupReference.Format(p.Reference), p.Status, p.RouteOrder, p.WindowStart, p.WindowEnd, timeZone, district,
            p.Address.Street, p.Address.Building, p.Address.ContactName, p.Address.Phone, p.Address.AccessNotes,
            p.Address.Latitude, p.Address.Longitude, p.Donation.Bags, [.. p.Labels.OrderBy(l => l.BagNumber).Select(l => l.LabelId)], p.Version,
            p.Donation.Categories.Each(), p.Donation.Weight, p.Donation.Condition,
            p.Address.Latitude ?? centreLatitude, p.Address.Longitude ?? centreLongitude, p.Address.Latitude is null || p.Address.Longitude is null,
            p.CollectionPointId is not null);

    private sealed record StopRow(Pickup Pickup, NameDto District, double CentreLatitude, double CentreLongitude);
}
