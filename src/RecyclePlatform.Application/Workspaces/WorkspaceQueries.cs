using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Workspaces;

public sealed record CityOverviewDto(Guid Id, string Slug, NameDto Name, string TimeZone,
    int Districts, int Hubs, int ActiveCouriers, int Charities, int Recyclers);

/// <param name="HubLatitude">Where the courier's day starts (the first point of the route on their map).</param>
public sealed record CourierWorkspaceDto(string DisplayName, bool Active, NameDto City, string TimeZone,
    NameDto Hub, string HubAddress, double HubLatitude, double HubLongitude);

public sealed record HubWorkspaceDto(NameDto Name, string Address, NameDto City, int ActiveCouriers);

public sealed record PartnerWorkspaceDto(NameDto Name, PartnerKind Kind, bool Verified, string ContactEmail,
    IReadOnlyList<NameDto> Cities);

/// <summary>
/// What each staff role sees on the landing page of its area, read within the caller's scope.
/// </summary>
public sealed class WorkspaceQueries(IAppDbContext db, Accounts.IIdentityService accounts)
{
    /// <param name="cityIds">The cities to include; null for every city (administrators).</param>
    /// <summary>How many accounts hold each role, counted in the database (never by loading the users).</summary>
    public Task<IReadOnlyDictionary<string, int>> AccountsByRoleAsync(CancellationToken ct) => accounts.AccountsByRoleAsync(ct);

    public async Task<IReadOnlyList<CityOverviewDto>> CityOverviewAsync(IReadOnlyCollection<Guid>? cityIds, CancellationToken ct)
    {
        var cities = db.Cities.AsNoTracking();
        if (cityIds is not null)
        {
            cities = cities.Where(c => cityIds.Contains(c.Id));
        }
        return await cities
            .OrderBy(c => c.Slug)
            .Select(c => new CityOverviewDto(
                c.Id, c.Slug, new NameDto(c.Name.English, c.Name.Chinese), c.TimeZoneId,
                db.Districts.Count(d => d.CityId == c.Id),
                db.Hubs.Count(h => h.CityId == c.Id),
                db.Couriers.Count(k => k.CityId == c.Id && k.Active),
                db.Partners.Count(p => p.Kind == PartnerKind.Charity && p.ServedCities.Any(s => s.CityId == c.Id)),
                db.Partners.Count(p => p.Kind == PartnerKind.Recycler && p.ServedCities.Any(s => s.CityId == c.Id))))
            .ToListAsync(ct);
    }

    /// <summary>The courier profile of a user, or null when none was set up for them.</summary>
    public async Task<CourierWorkspaceDto?> FindCourierAsync(Guid userId, CancellationToken ct) =>
        await (from k in db.Couriers.AsNoTracking()
               join c in db.Cities on k.CityId equals c.Id
               join h in db.Hubs on k.HubId equals h.Id
               where k.UserId == userId
               select new CourierWorkspaceDto(k.DisplayName, k.Active,
                   new NameDto(c.Name.English, c.Name.Chinese), c.TimeZoneId,
                   new NameDto(h.Name.English, h.Name.Chinese), h.Address, h.Location.Latitude, h.Location.Longitude))
            .SingleOrDefaultAsync(ct);

    public async Task<HubWorkspaceDto?> FindHubAsync(Guid hubId, CancellationToken ct) =>
        await (from h in db.Hubs.AsNoTracking()
               join c in db.Cities on h.CityId equals c.Id
               where h.Id == hubId
               select new HubWorkspaceDto(new NameDto(h.Name.English, h.Name.Chinese), h.Address,
                   new NameDto(c.Name.English, c.Name.Chinese),
                   db.Couriers.Count(k => k.HubId == h.Id && k.Active)))
            .SingleOrDefaultAsync(ct);

    public async Task<PartnerWorkspaceDto?> FindPartnerAsync(Guid partnerId, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking()
            .Where(p => p.Id == partnerId)
            .Select(p => new
            {
                Name = new NameDto(p.Name.English, p.Name.Chinese),
                p.Kind,
                p.Verified,
                p.ContactEmail,
                CityIds = p.ServedCities.Select(s => s.CityId).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (partner is null)
        {
            return null;
        }
        var cities = await db.Cities.AsNoTracking()
            .Where(c => partner.CityIds.Contains(c.Id))
            .OrderBy(c => c.Slug)
            .Select(c => new NameDto(c.Name.English, c.Name.Chinese))
            .ToListAsync(ct);
        return new PartnerWorkspaceDto(partner.Name, partner.Kind, partner.Verified, partner.ContactEmail, cities);
    }
}
