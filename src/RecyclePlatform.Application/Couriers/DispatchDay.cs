using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Couriers;

public sealed record DispatchStopDto(string Reference, PickupStatus Status, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
    string TimeZone, NameDto District, int Bags, Guid? CourierId, int? RouteOrder);

public sealed record CourierOptionDto(Guid Id, string Name);

public sealed record DispatchDayDto(Guid CityId, DateOnly Day, IReadOnlyList<DispatchStopDto> Stops, IReadOnlyList<CourierOptionDto> Couriers);

/// <summary>One city's day for a dispatcher: the open pickups and the active couriers. Another city's is not found.</summary>
public sealed class DispatchDay(IAppDbContext db, ICurrentUser user, TimeProvider time)
{
    public async Task<DispatchDayDto> GetAsync(Guid cityId, DateOnly? day, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Admin) && !user.CityIds.Contains(cityId))
        {
            throw new NotFoundException("city", cityId);
        }
        var city = await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cityId, ct) ?? throw new NotFoundException("city", cityId);
        var date = day ?? CityClock.Today(city, time.GetUtcNow());
        var zone = CityClock.Zone(city);
        var dayStart = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
        var dayEnd = dayStart.AddDays(1);
        var stops = await (from p in db.Pickups.AsNoTracking()
                           join d in db.Districts on p.Address.DistrictId equals d.Id
                           where p.CityId == cityId && p.WindowStart >= dayStart && p.WindowStart < dayEnd && p.Status != PickupStatus.Cancelled
                           orderby p.WindowStart, d.Slug
                           select new DispatchStopDto(PickupReference.Format(p.Reference), p.Status, p.WindowStart, p.WindowEnd, city.TimeZoneId,
                               new NameDto(d.Name.English, d.Name.Chinese), p.Donation.Bags, p.CourierId, p.RouteOrder))
            .ToListAsync(ct);
        var couriers = await db.Couriers.AsNoTracking().Where(c => c.CityId == cityId && c.Active)
            .OrderBy(c => c.DisplayName).Select(c => new CourierOptionDto(c.Id, c.DisplayName)).ToListAsync(ct);
        return new DispatchDayDto(cityId, date, stops, couriers);
    }
}
