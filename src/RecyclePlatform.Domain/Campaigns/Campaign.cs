using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Campaigns;

public enum OrganiserRole
{
    /// <summary>Runs the campaign (a retailer, a UN agency).</summary>
    Organiser,

    /// <summary>Helps (a charity, a recycler, a sponsor).</summary>
    Partner,
}

/// <summary>A city the campaign runs in.</summary>
public sealed record CampaignCity(Guid CityId);

/// <summary>
/// A pickup window the campaign adds, every day of its period, in each of its cities' local time (an evening or an
/// early morning the cities do not offer). A pickup booked in one counts for the campaign.
/// </summary>
public sealed record CampaignWindow(int Position, TimeOnly Starts, TimeOnly Ends)
{
    /// <summary>Whether the two windows share any minute.</summary>
    public bool Overlaps(TimeOnly starts, TimeOnly ends) => Starts < ends && starts < Ends;
}

/// <summary>Who runs or supports a campaign, shown on its page in this order.</summary>
public sealed record CampaignOrganiser(int Position, OrganiserRole Role, string NameEnglish, string NameChinese)
{
    public static CampaignOrganiser Of(int position, OrganiserRole role, LocalizedName name) => new(position, role, name.English, name.Chinese);

    public LocalizedName Name => new(NameEnglish, NameChinese);
}

/// <summary>
/// A collection drive with a story, a period, the cities it runs in and a goal. A pickup booked
/// while it runs, in one of its cities, counts for it: the door's ledger entry names the campaign,
/// so its totals are public and can be recomputed from the log (<see cref="Impact.ImpactFold"/>).
/// </summary>
public sealed class Campaign : IVersioned
{
    public const int MaxStory = 4_000;
    public const int MaxOrganisers = 12;
    public const int MaxWindows = 4;

    /// <summary>The shortest and longest window a courier can be booked for.</summary>
    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(12);
    public const long MaxGoalKg = 100_000_000;

    /// <summary>A campaign is a drive, not a standing programme.</summary>
    public const int MaxDays = 366;

    private readonly List<CampaignCity> _cities = [];
    private readonly List<CampaignOrganiser> _organisers = [];
    private readonly List<CampaignWindow> _windows = [];

    private Campaign()
    {
        Slug = "";
        Name = null!;
        StoryEnglish = "";
        StoryChinese = "";
    }

    public Guid Id { get; private set; }
    public string Slug { get; private set; }
    public LocalizedName Name { get; private set; }
    public string StoryEnglish { get; private set; }
    public string StoryChinese { get; private set; }

    /// <summary>First and last day, in each city's own calendar.</summary>
    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }
    public long GoalKg { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public long Version { get; private set; }
    public IReadOnlyCollection<CampaignCity> Cities => _cities;
    public IReadOnlyCollection<CampaignOrganiser> Organisers => _organisers;

    /// <summary>The campaign's own pickup windows, earliest first; none for a campaign that uses its cities' windows.</summary>
    public IReadOnlyCollection<CampaignWindow> Windows => _windows;

    public static Campaign Create(string slug, CampaignDetails details, DateTimeOffset now)
    {
        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(),
            Slug = Common.Slug.Require(slug, Rules.Campaign.SlugInvalid),
            CreatedAt = now,
        };
        campaign.Update(details);
        return campaign;
    }

    /// <summary>Replaces what the campaign says. Its slug (in links people shared) and id (on the ledger) stay.</summary>
    public void Update(CampaignDetails details)
    {
        if (details.EndsOn < details.StartsOn || details.EndsOn.DayNumber - details.StartsOn.DayNumber >= MaxDays)
        {
            throw new DomainRuleException(Rules.Campaign.PeriodInvalid);
        }
        if (details.GoalKg is < 1 or > MaxGoalKg)
        {
            throw new DomainRuleException(Rules.Campaign.GoalOutOfRange);
        }
        var cities = details.CityIds.Distinct().ToList();
        if (cities.Count == 0 || cities.Contains(Guid.Empty))
        {
            throw new DomainRuleException(Rules.Campaign.CitiesRequired);
        }
        if (details.Organisers.Count > MaxOrganisers)
        {
            throw new DomainRuleException(Rules.Campaign.TooManyOrganisers);
        }
        Name = details.Name;
        StoryEnglish = Story(details.StoryEnglish, Rules.Campaign.StoryEnglishInvalid);
        StoryChinese = Story(details.StoryChinese, Rules.Campaign.StoryChineseInvalid);
        StartsOn = details.StartsOn;
        EndsOn = details.EndsOn;
        GoalKg = details.GoalKg;
        _cities.Clear();
        _cities.AddRange(cities.Select(id => new CampaignCity(id)));
        _organisers.Clear();
        if (details.Organisers.Any(o => !Enum.IsDefined(o.Role)))
        {
            throw new DomainRuleException(Rules.Campaign.OrganiserRoleInvalid);
        }
        _organisers.AddRange(details.Organisers.Select((o, i) => CampaignOrganiser.Of(i, o.Role, o.Name)));
        var windows = (details.Windows ?? []).OrderBy(w => w.Starts).ToList();
        if (windows.Count > MaxWindows
            || windows.Any(w => w.Starts.Second != 0 || w.Ends.Second != 0 || w.Ends - w.Starts < MinWindow || w.Ends - w.Starts > MaxWindow || w.Ends <= w.Starts)
            || windows.Zip(windows.Skip(1)).Any(pair => pair.First.Overlaps(pair.Second.Starts, pair.Second.Ends)))
        {
            throw new DomainRuleException(Rules.Campaign.WindowsInvalid);
        }
        _windows.Clear();
        _windows.AddRange(windows.Select((w, i) => w with { Position = i }));
    }

    public bool RunsOn(DateOnly day) => StartsOn <= day && day <= EndsOn;

    /// <summary>The campaign's own windows of a day of its period; none outside it.</summary>
    public IEnumerable<CampaignWindow> WindowsOn(DateOnly day) => RunsOn(day) ? _windows : [];

    public bool RunsIn(Guid cityId) => _cities.Any(c => c.CityId == cityId);

    public string StoryIn(string culture) => culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? StoryChinese : StoryEnglish;

    private static string Story(string? text, Rule rule)
    {
        var story = text?.Trim() ?? "";
        if (story.Length is 0 or > MaxStory || story.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
        {
            throw new DomainRuleException(rule);
        }
        return story.ReplaceLineEndings("\n");
    }
}

/// <summary>Everything an administrator writes about a campaign.</summary>
public sealed record CampaignDetails(LocalizedName Name, string StoryEnglish, string StoryChinese, DateOnly StartsOn, DateOnly EndsOn,
    long GoalKg, IReadOnlyList<Guid> CityIds, IReadOnlyList<CampaignOrganiser> Organisers, IReadOnlyList<CampaignWindow>? Windows = null);
