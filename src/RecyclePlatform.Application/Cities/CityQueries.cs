using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Cities;

public sealed record NameDto(string En, string Zh);

public sealed record DistrictDto(Guid Id, string Slug, NameDto Name, double Latitude, double Longitude);

public sealed record CityDto(Guid Id, string Slug, NameDto Name, string TimeZone, IReadOnlyList<DistrictDto> Districts);

public sealed record CharityOptionDto(Guid Id, NameDto Name);

public sealed class CityQueries(IAppDbContext db, ReferenceData places)
{
    /// <summary>Charities a donor may choose in a city: verified ones that serve it.</summary>
    public async Task<IReadOnlyList<CharityOptionDto>> CharitiesServingAsync(Guid cityId, CancellationToken ct) =>
        await db.Partners.AsNoTracking()
            .Where(p => p.Kind == Domain.Partners.PartnerKind.Charity && p.Verified && p.ServedCities.Any(c => c.CityId == cityId))
            .OrderBy(p => p.Name.English)
            .Select(p => new CharityOptionDto(p.Id, new NameDto(p.Name.English, p.Name.Chinese)))
            .ToListAsync(ct);

    /// <summary>Every served city with its districts, in a stable order for clients that cache.</summary>
    public async Task<IReadOnlyList<CityDto>> ListAsync(CancellationToken ct) =>
        [.. (await places.CitiesAsync(ct)).Select(c => new CityDto(c.Id, c.Slug, new NameDto(c.Name.English, c.Name.Chinese), c.TimeZoneId,
            [.. c.Districts.OrderBy(d => d.Slug, StringComparer.Ordinal)
                .Select(d => new DistrictDto(d.Id, d.Slug, new NameDto(d.Name.English, d.Name.Chinese), d.Centre.Latitude, d.Centre.Longitude))]))];
}
