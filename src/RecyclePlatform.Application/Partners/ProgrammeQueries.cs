using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Partners;

public sealed record ProgrammeDto(Guid Id, NameDto Name, bool Active, long Version)
{
    public static ProgrammeDto From(Programme p) => new(p.Id, new NameDto(p.Name.English, p.Name.Chinese), p.Active, p.Version);
}

/// <summary>
/// A charity's catalogue of distribution programmes, kept by its own staff. Distributions (and so
/// ledger entries) name a programme only by id: its name stays here, off the public log, and can be
/// corrected at any time. Another partner's programmes do not exist for the caller.
/// </summary>
public sealed class ProgrammeQueries(IAppDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<ProgrammeDto>> MineAsync(bool activeOnly, CancellationToken ct)
    {
        var partnerId = user.RequirePartner();
        return await db.Programmes.AsNoTracking().Where(p => p.PartnerId == partnerId && (!activeOnly || p.Active))
            .OrderBy(p => p.Name.English)
            .Select(p => new ProgrammeDto(p.Id, new NameDto(p.Name.English, p.Name.Chinese), p.Active, p.Version))
            .ToListAsync(ct);
    }

    /// <summary>The regions of the cities the partner serves: what its distribution form offers first (any listed code is accepted).</summary>
    public async Task<IReadOnlyList<Regions.RegionDto>> NearbyRegionsAsync(Regions.RegionCatalogue regions, CancellationToken ct)
    {
        var partnerId = user.RequirePartner();
        var codes = await (from p in db.Partners
                           from served in p.ServedCities
                           join c in db.Cities on served.CityId equals c.Id
                           where p.Id == partnerId && c.RegionCode != null
                           select c.RegionCode!).Distinct().ToListAsync(ct);
        return [.. codes.SelectMany(regions.Within).DistinctBy(r => r.Code).OrderBy(r => r.Code, StringComparer.Ordinal)];
    }
}
