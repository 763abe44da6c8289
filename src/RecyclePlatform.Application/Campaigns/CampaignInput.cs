using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Campaigns;

/// <summary>A campaign as an administrator writes it (<see cref="CreateCampaignHandler"/>, <see cref="UpdateCampaignHandler"/>).</summary>
public sealed class CampaignInput
{
    /// <summary>Only when creating: the address of its page (<c>/Campaigns/{slug}</c>), fixed afterwards.</summary>
    public string? Slug { get; set; }

    public string? NameEn { get; set; }
    public string? NameZh { get; set; }
    public string? StoryEn { get; set; }
    public string? StoryZh { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public long? GoalKg { get; set; }
    public List<Guid> CityIds { get; set; } = [];
    public List<OrganiserInput> Organisers { get; set; } = [];

    public CampaignDetails ToDetails() => new(new LocalizedName(NameEn!, NameZh!), StoryEn!, StoryZh!, StartsOn!.Value, EndsOn!.Value,
        GoalKg!.Value, CityIds, [.. Organisers.Select((o, i) => CampaignOrganiser.Of(i, o.Role!.Value, new LocalizedName(o.NameEn!, o.NameZh!)))]);
}

public sealed class OrganiserInput
{
    public OrganiserRole? Role { get; set; }
    public string? NameEn { get; set; }
    public string? NameZh { get; set; }
}

public sealed class CampaignInputValidator : AbstractValidator<CampaignInput>
{
    public CampaignInputValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.NameEn).NotEmpty().WithRule(Rules.Name.EnglishRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.EnglishRequired);
        RuleFor(c => c.NameZh).NotEmpty().WithRule(Rules.Name.ChineseRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.ChineseRequired);
        RuleFor(c => c.StoryEn).NotEmpty().WithRule(Rules.Campaign.StoryEnglishInvalid).MaximumLength(Campaign.MaxStory).WithRule(Rules.Campaign.StoryEnglishInvalid);
        RuleFor(c => c.StoryZh).NotEmpty().WithRule(Rules.Campaign.StoryChineseInvalid).MaximumLength(Campaign.MaxStory).WithRule(Rules.Campaign.StoryChineseInvalid);
        RuleFor(c => c.StartsOn).NotNull().WithRule(Rules.Campaign.PeriodInvalid)
            .InclusiveBetween(CityClock.FirstDay, CityClock.LastDay).WithRule(Rules.Date.OutOfRange);
        RuleFor(c => c.EndsOn).NotNull().WithRule(Rules.Campaign.PeriodInvalid)
            .InclusiveBetween(CityClock.FirstDay, CityClock.LastDay).WithRule(Rules.Date.OutOfRange);
        RuleFor(c => c.GoalKg).NotNull().WithRule(Rules.Campaign.GoalOutOfRange).InclusiveBetween(1, Campaign.MaxGoalKg).WithRule(Rules.Campaign.GoalOutOfRange);
        RuleFor(c => c.CityIds).NotEmpty().WithRule(Rules.Campaign.CitiesRequired);
        RuleFor(c => c.Organisers).Must(o => o.Count <= Campaign.MaxOrganisers).WithRule(Rules.Campaign.TooManyOrganisers);
        RuleForEach(c => c.Organisers).ChildRules(o =>
        {
            o.RuleFor(x => x.Role).NotNull().WithRule(Rules.Campaign.OrganiserRoleInvalid).IsInEnum().WithRule(Rules.Campaign.OrganiserRoleInvalid);
            o.RuleFor(x => x.NameEn).NotEmpty().WithRule(Rules.Name.EnglishRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.EnglishRequired);
            o.RuleFor(x => x.NameZh).NotEmpty().WithRule(Rules.Name.ChineseRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.ChineseRequired);
        });
    }

    /// <summary>Every city named exists.</summary>
    public static async Task RequireKnownCitiesAsync(IAppDbContext db, List<Guid> cityIds, CancellationToken ct)
    {
        var distinct = cityIds.Distinct().ToList();
        if (await db.Cities.CountAsync(c => distinct.Contains(c.Id), ct) != distinct.Count)
        {
            throw new DomainRuleException(Rules.Campaign.CityUnknown);
        }
    }
}
