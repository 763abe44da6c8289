using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Impact;

namespace RecyclePlatform.Web.Pages.Campaigns;

/// <summary>A campaign's public landing page: its story, who runs it, and its live totals from the ledger.</summary>
[AllowAnonymous]
public sealed class DetailsModel(ImpactQueries impact) : PageModel
{
    public CampaignView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await impact.CampaignAsync(slug, ct) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }
}
