using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Domain.Campaigns;

namespace RecyclePlatform.Web.Pages.Campaigns;

/// <summary>Every campaign: those running now first, then those to come, then past ones, each with its progress.</summary>
[AllowAnonymous]
public sealed class IndexModel(ImpactQueries impact, CityQueries cities, TimeProvider time) : PageModel
{
    public IReadOnlyList<CampaignSummary> Running { get; private set; } = [];
    public IReadOnlyList<CampaignSummary> Upcoming { get; private set; } = [];
    public IReadOnlyList<CampaignSummary> Past { get; private set; } = [];
    public IReadOnlyDictionary<Guid, CityDto> Cities { get; private set; } = new Dictionary<Guid, CityDto>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await impact.CampaignsAsync(ct);
        Cities = (await cities.ListAsync(ct)).ToDictionary(c => c.Id);
        var now = time.GetUtcNow();
        Running = [.. all.Where(c => Phase(c.Campaign, now) == 0)];
        Upcoming = [.. all.Where(c => Phase(c.Campaign, now) < 0).OrderBy(c => c.Campaign.StartsOn)];
        Past = [.. all.Where(c => Phase(c.Campaign, now) > 0)];
    }

    /// <summary>-1 before, 0 while, 1 after the campaign runs, by the calendar of its cities (a day's difference at most).</summary>
    private int Phase(Campaign campaign, DateTimeOffset now)
    {
        var days = campaign.Cities.Select(c => Cities.TryGetValue(c.CityId, out var city) ? CityClock.Today(city.TimeZone, now) : DateOnly.FromDateTime(now.UtcDateTime))
            .DefaultIfEmpty(DateOnly.FromDateTime(now.UtcDateTime)).ToList();
        return days.Any(d => campaign.StartsOn <= d && d <= campaign.EndsOn) ? 0 : days.All(d => d < campaign.StartsOn) ? -1 : 1;
    }

    public IEnumerable<string> CityNames(Campaign campaign) =>
        campaign.Cities.Select(c => Cities.TryGetValue(c.CityId, out var city) ? city.Name.Local() : null).OfType<string>();
}
