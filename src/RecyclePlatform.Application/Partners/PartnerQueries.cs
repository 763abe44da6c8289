using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Partners;

public sealed record PartnerAdminDto(Guid Id, PartnerKind Kind, NameDto Name, string ContactEmail, bool Verified, IReadOnlyList<Guid> CityIds,
    IReadOnlyList<NameDto> Cities, int Staff, long Version);

/// <summary>Administrators' list of charities and recyclers: who they are, where they serve, whether they were checked.</summary>
public sealed class PartnerQueries(IAppDbContext db, IIdentityService accounts)
{
    public async Task<IReadOnlyList<PartnerAdminDto>> ListAsync(CancellationToken ct)
    {
        var partners = await db.Partners.AsNoTracking().OrderBy(p => p.Kind).ThenBy(p => p.Name.English).ToListAsync(ct);
        var cities = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => new NameDto(c.Name.English, c.Name.Chinese), ct);
        var staff = await accounts.StaffByPartnerAsync(ct);
        return [.. partners.Select(p => new PartnerAdminDto(p.Id, p.Kind, new NameDto(p.Name.English, p.Name.Chinese), p.ContactEmail, p.Verified,
            [.. p.ServedCities.Select(c => c.CityId)], [.. p.ServedCities.Select(c => cities[c.CityId])], staff.GetValueOrDefault(p.Id), p.Version))];
    }

    public Task<NameDto?> NameAsync(Guid id, CancellationToken ct) =>
        db.Partners.AsNoTracking().Where(p => p.Id == id).Select(p => new NameDto(p.Name.English, p.Name.Chinese)).SingleOrDefaultAsync(ct);
}
