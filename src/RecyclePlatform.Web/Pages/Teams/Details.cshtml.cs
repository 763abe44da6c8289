using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Impact;

namespace RecyclePlatform.Web.Pages.Teams;

/// <summary>A team's public page: its name, kind, how many members and its totals; never who the members are or its join code.</summary>
[AllowAnonymous]
public sealed class DetailsModel(ImpactQueries impact, Application.Campaigns.CollectionPointQueries points, Application.Common.ICurrentUser user) : PageModel
{
    public TeamView View { get; private set; } = null!;

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
        return Page();
    }
}
