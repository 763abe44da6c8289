using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Cities;

public sealed record NameDto(string En, string Zh);

public sealed record DistrictDto(Guid Id, string Slug, NameDto Name, double Latitude, double Longitude);

public sealed record CityDto(Guid Id, string Slug, NameDto Name, string TimeZone, IReadOnlyList<DistrictDto> Districts);

public sealed class CityQueries(IAppDbContext db)
{
    /// <summary>Every served city with its districts, in a stable order for clients that cache.</summary>
    public async Task<IReadOnlyList<CityDto>> ListAsync(CancellationToken ct)
    {
        var cities = await db.Cities.AsNoTracking()
            .OrderBy(c => c.Slug)
            .Select(c => new
            {
                c.Id,
                c.Slug,
                Name = new NameDto(c.Name.English, c.Name.Chinese),
                c.TimeZoneId,
            })
            .ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking()
            .OrderBy(d => d.Slug)
            .Select(d => new
            {
                d.CityId,
                Dto = new DistrictDto(d.Id, d.Slug, new NameDto(d.Name.English, d.Name.Chinese),
                    d.Centre.Latitude, d.Centre.Longitude),
            })
            .ToListAsync(ct);
        var byCity = districts.ToLookup(d => d.CityId, d => d.Dto);
        return cities
            .Select(c => new CityDto(c.Id, c.Slug, c.Name, c.TimeZoneId, [.. byCity[c.Id]]))
            .ToList();
    }
}
