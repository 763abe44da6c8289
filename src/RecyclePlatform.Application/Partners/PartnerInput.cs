using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Partners;

/// <summary>A charity or recycler as an administrator enters it (<see cref="CreatePartnerHandler"/>, <see cref="UpdatePartnerHandler"/>).</summary>
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

public static class PartnerCities
{
    /// <summary>Every city a partner is said to serve exists.</summary>
    public static async Task RequireKnownCitiesAsync(IAppDbContext db, List<Guid> cityIds, CancellationToken ct)
    {
        if (await db.Cities.CountAsync(c => cityIds.Contains(c.Id), ct) != cityIds.Distinct().Count())
        {
            throw new DomainRuleException(Rules.Partner.CityUnknown);
        }
    }
}
