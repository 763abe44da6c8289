using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Web.Pages.Shared;

namespace RecyclePlatform.Web.Pages.Teams;

/// <summary>A team's public page: its name, kind, how many members and its totals; never who the members are or its join code.</summary>
[AllowAnonymous]
public sealed class DetailsModel(ImpactQueries impact, IStringLocalizer<SharedResource> localizer,
    Application.Campaigns.CollectionPointQueries points, Application.Common.ICurrentUser user) : PageModel
{
    public TeamView View { get; private set; } = null!;

    /// <summary>The link preview's tags and the card's address; null while the totals are being computed.</summary>
    public OpenGraphView? OpenGraph { get; private set; }

    /// <summary>Its collection points to come: when and which district (the address is on each point's page, for members).</summary>
    public IReadOnlyList<Application.Campaigns.CollectionPointView> Points { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await impact.TeamAsync(id, ct) is not { } view)
        {
            return NotFound();
        }
        View = view;
        Points = await points.ForTeamAsync(id, user.Id, ct);
        if (ImpactCards.ForTeam(localizer, view) is { } card)
        {
            OpenGraph = new OpenGraphView($"{view.Team.Name} · {localizer["Site.Name"]}", ImpactCards.Description(localizer, card),
                ImpactCards.Absolute(Request, $"/Teams/{view.Team.Id}"), ImpactCards.TeamCardUrl(Request, view.Team.Id),
                localizer["Card.Alt", view.Team.Name], ImpactCards.OgLocale());
        }
        return Page();
    }
}
