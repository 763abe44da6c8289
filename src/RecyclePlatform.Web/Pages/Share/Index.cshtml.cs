using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Web.Pages.Shared;

namespace RecyclePlatform.Web.Pages.Share;

/// <summary>
/// A donor's impact, shared by them: their totals over all their collected pickups, under the public name they
/// chose or as "a RecyclePlatform donor", and nothing else about them. A token that is unknown, malformed or no
/// longer shared is a 404, like any page that does not exist.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(ImpactShareQueries shares, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public string Name { get; private set; } = "";

    public DonorImpact Impact { get; private set; } = null!;

    /// <summary>The link preview's tags and the card's address; null while the totals are being computed.</summary>
    public OpenGraphView? OpenGraph { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (await shares.SharedAsync(token, ct) is not { } shared)
        {
            return NotFound();
        }
        Name = shared.PublicName ?? localizer["Card.NeutralDonor"];
        Impact = shared.Impact;
        if (ImpactCards.ForDonor(localizer, shared) is { } card)
        {
            OpenGraph = new OpenGraphView(localizer["Share.PageTitle", Name], ImpactCards.Description(localizer, card),
                ImpactCards.Absolute(Request, $"/Share/{Uri.EscapeDataString(token)}"), ImpactCards.SharedCardUrl(Request, token),
                localizer["Card.Alt", Name], ImpactCards.OgLocale());
        }
        return Page();
    }
}
