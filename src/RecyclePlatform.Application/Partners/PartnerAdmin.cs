using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Partners;

public sealed class PartnerInput
{
    public PartnerKind? Kind { get; set; }
    public string? NameEn { get; set; }
    public string? NameZh { get; set; }
    public string? ContactEmail { get; set; }
    public List<Guid> CityIds { get; set; } = [];
}

public sealed class PartnerInputValidator : AbstractValidator<PartnerInput>
{
    public PartnerInputValidator()
    {
        RuleFor(p => p.Kind).NotNull().WithRule(Rules.Partner.KindRequired).IsInEnum().WithRule(Rules.Partner.KindRequired);
        RuleFor(p => p.NameEn).NotEmpty().WithRule(Rules.Partner.NameRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Partner.NameRequired);
        RuleFor(p => p.NameZh).NotEmpty().WithRule(Rules.Partner.NameRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Partner.NameRequired);
        RuleFor(p => p.ContactEmail).NotEmpty().WithRule(Rules.Partner.ContactEmailInvalid).EmailAddress().WithRule(Rules.Partner.ContactEmailInvalid)
            .MaximumLength(Partner.MaxEmailLength).WithRule(Rules.Partner.ContactEmailInvalid);
        RuleFor(p => p.CityIds).NotEmpty().WithRule(Rules.Partner.CityRequired);
    }
}

public sealed record PartnerAdminDto(Guid Id, PartnerKind Kind, NameDto Name, string ContactEmail, bool Verified, IReadOnlyList<Guid> CityIds,
    IReadOnlyList<NameDto> Cities, int Staff, long Version);

/// <summary>Administrators keep the list of charities and recyclers: who they are, where they serve, whether they were checked.</summary>
public sealed class PartnerAdmin(IAppDbContext db, IValidator<PartnerInput> validator)
{
    public async Task<IReadOnlyList<PartnerAdminDto>> ListAsync(CancellationToken ct)
    {
        var partners = await db.Partners.AsNoTracking().OrderBy(p => p.Kind).ThenBy(p => p.Name.English).ToListAsync(ct);
        var cities = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => new NameDto(c.Name.English, c.Name.Chinese), ct);
        var staff = await (from c in db.UserClaims
                           where c.ClaimType == ScopeClaims.Partner
                           group c by c.ClaimValue into g
                           select new { Partner = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Partner!, g => g.Count, ct);
        return [.. partners.Select(p => new PartnerAdminDto(p.Id, p.Kind, new NameDto(p.Name.English, p.Name.Chinese), p.ContactEmail, p.Verified,
            [.. p.ServedCities.Select(c => c.CityId)], [.. p.ServedCities.Select(c => cities[c.CityId])], staff.GetValueOrDefault(p.Id.ToString()), p.Version))];
    }

    public Task<NameDto?> NameAsync(Guid id, CancellationToken ct) =>
        db.Partners.AsNoTracking().Where(p => p.Id == id).Select(p => new NameDto(p.Name.English, p.Name.Chinese)).SingleOrDefaultAsync(ct);

    public async Task<Guid> CreateAsync(PartnerInput input, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        await RequireCitiesAsync(input.CityIds, ct);
        var partner = Partner.Create(input.Kind!.Value, new LocalizedName(input.NameEn!.Trim(), input.NameZh!.Trim()), input.ContactEmail!, input.CityIds);
        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        return partner.Id;
    }

    public async Task UpdateAsync(Guid id, PartnerInput input, bool verified, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        await RequireCitiesAsync(input.CityIds, ct);
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("partner", id);
        if (partner.Kind != input.Kind)
        {
            throw new DomainRuleException(Rules.Partner.KindFixed);
        }
        partner.Change(new LocalizedName(input.NameEn!.Trim(), input.NameZh!.Trim()), input.ContactEmail!, input.CityIds);
        if (verified)
        {
            partner.MarkVerified();
        }
        else
        {
            partner.MarkUnverified();
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task RequireCitiesAsync(List<Guid> cityIds, CancellationToken ct)
    {
        if (await db.Cities.CountAsync(c => cityIds.Contains(c.Id), ct) != cityIds.Distinct().Count())
        {
            throw new DomainRuleException(Rules.Partner.CityUnknown);
        }
    }
}
