using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Dispatch;

public sealed record HubDto(Guid Id, NameDto Name, string Address, double Latitude, double Longitude);

public sealed record DistrictDto(Guid Id, string Slug, NameDto Name, double Latitude, double Longitude);

public sealed record PlacesDto(Guid CityId, IReadOnlyList<HubDto> Hubs, IReadOnlyList<DistrictDto> Districts);

/// <summary>The hubs couriers start from and the districts donors book in, for the cities a dispatcher plans.</summary>
public sealed class PlaceQueries(IAppDbContext db, ICurrentUser user)
{
    public async Task<PlacesDto> ListAsync(Guid cityId, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        var hubs = await db.Hubs.AsNoTracking().Where(h => h.CityId == cityId).OrderBy(h => h.Name.English).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().Where(d => d.CityId == cityId).OrderBy(d => d.Slug).ToListAsync(ct);
        return new PlacesDto(cityId,
            [.. hubs.Select(h => new HubDto(h.Id, new NameDto(h.Name.English, h.Name.Chinese), h.Address, h.Location.Latitude, h.Location.Longitude))],
            [.. districts.Select(d => new DistrictDto(d.Id, d.Slug, new NameDto(d.Name.English, d.Name.Chinese), d.Centre.Latitude, d.Centre.Longitude))]);
    }
}
