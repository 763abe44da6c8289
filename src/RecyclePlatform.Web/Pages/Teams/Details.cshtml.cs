using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Impact;

namespace RecyclePlatform.Web.Pages.Teams;

/// <summary>A team's public page: its name, kind, how many members and its totals; never who the members are or its join code.</summary>
[AllowAnonymous]
public sealed class DetailsModel(ImpactQueries impact) : PageModel
{
    public TeamView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await impact.TeamAsync(id, ct) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }
}
