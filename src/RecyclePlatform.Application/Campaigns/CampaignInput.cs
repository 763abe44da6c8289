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

    /// <summary>The campaign's own pickup windows, if any (local times "HH:mm", every day of the period, in each of its cities).</summary>
    public List<WindowInput> Windows { get; set; } = [];

    public CampaignDetails ToDetails() => new(new LocalizedName(NameEn!, NameZh!), StoryEn!, StoryZh!, StartsOn!.Value, EndsOn!.Value,
        GoalKg!.Value, CityIds, [.. Organisers.Select((o, i) => CampaignOrganiser.Of(i, o.Role!.Value, new LocalizedName(o.NameEn!, o.NameZh!)))],
        [.. Windows.Select((w, i) => new CampaignWindow(i, WindowInput.Parse(w.Starts)!.Value, WindowInput.Parse(w.Ends)!.Value))]);
}

public sealed class WindowInput
{
    public string? Starts { get; set; }
    public string? Ends { get; set; }

    /// <summary>A local time as people write it, "18:00" or "8:30"; null when it is not one.</summary>
    public static TimeOnly? Parse(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
            ? time : null;
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
        RuleFor(c => c.Windows).NotNull().WithRule(Rules.Campaign.WindowsInvalid)
            .Must(w => w.Count <= Campaign.MaxWindows).WithRule(Rules.Campaign.WindowsInvalid)
            .Must(w => w.All(x => x is not null && WindowInput.Parse(x.Starts) is not null && WindowInput.Parse(x.Ends) is not null)).WithRule(Rules.Campaign.WindowsInvalid);
        RuleForEach(c => c.Organisers).ChildRules(o =>
        {
            o.RuleFor(x => x.Role).NotNull().WithRule(Rules.Campaign.OrganiserRoleInvalid).IsInEnum().WithRule(Rules.Campaign.OrganiserRoleInvalid);
            o.RuleFor(x => x.NameEn).NotEmpty().WithRule(Rules.Name.EnglishRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.EnglishRequired);
            o.RuleFor(x => x.NameZh).NotEmpty().WithRule(Rules.Name.ChineseRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.ChineseRequired);
        });
    }

    /// <summary>Every city named exists, and the campaign's own windows fall outside each city's windows (they add to them).</summary>
    public static async Task RequireFitsCitiesAsync(IAppDbContext db, Campaign campaign, CancellationToken ct)
    {
        var distinct = campaign.Cities.Select(c => c.CityId).ToList();
        var cities = await db.Cities.AsNoTracking().Where(c => distinct.Contains(c.Id)).ToListAsync(ct);
        if (cities.Count != distinct.Count)
        {
            throw new DomainRuleException(Rules.Campaign.CityUnknown);
        }
        foreach (var booking in cities.Select(c => c.Booking))
        {
            // The city's windows run back to back from its first one, in its local time.
            var first = TimeSpan.FromHours(booking.FirstWindowHour);
            var last = first + TimeSpan.FromHours(booking.WindowHours * booking.WindowsPerDay);
            if (campaign.Windows.Any(w => w.Starts.ToTimeSpan() < last && first < w.Ends.ToTimeSpan()))
            {
                throw new DomainRuleException(Rules.Campaign.WindowOverlapsCity);
            }
        }
    }
}
