using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Campaigns;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.Teams.Points;

/// <summary>
/// The team's founder holds a collection point, in two steps without script: the district (which decides the
/// windows), then a window and the address where members bring their bags.
/// </summary>
public sealed class HoldModel(ImpactQueries impact, CityQueries cities, SlotQueries slots, ICurrentUser user, IStringLocalizer<SharedResource> localizer)
    : PageModel, IFormPage
{
    public Team? Team { get; private set; }
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public SlotListDto? Windows { get; private set; }

    [BindProperty]
    public HoldCollectionPointCommand Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? district, CancellationToken ct)
    {
        Input.Address.DistrictId = district ?? Guid.Empty;
        await ReloadAsync(ct);
        return Team is null ? RedirectToPage("/Teams/Index") : Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] HoldCollectionPointHandler hold, CancellationToken ct)
    {
        var team = await impact.MyTeamAsync(user.Id!.Value, ct);
        var point = await hold.HandleAsync(team?.Id ?? Guid.Empty, Input, ct);
        StatusMessage = localizer["Points.Held"];
        return RedirectToPage("/Teams/Points/Details", new { id = point.Id });
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        Team = await impact.MyTeamAsync(user.Id!.Value, ct);
        Cities = await cities.ListAsync(ct);
        if (Input.Address.DistrictId != Guid.Empty && Cities.Any(c => c.Districts.Any(d => d.Id == Input.Address.DistrictId)))
        {
            Windows = await slots.ListAsync(Input.Address.DistrictId, null, null, ct);
        }
    }

    /// <summary>Only the founder holds points; others see why.</summary>
    public bool IsFounder => Team is not null && Team.CreatedBy == user.Id;
}
