using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Web.Pages.Shared;

namespace RecyclePlatform.Web.Pages.Pickups;

/// <summary>
/// The donor shares their impact, or stops: a public link to their totals, which exists only while they want it
/// (docs/campaigns.md, "Sharing impact"). The page says what the link shows and what it never shows.
/// </summary>
public sealed class ShareModel(ImpactShareQueries shares, ICurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The shared page's address, or null when the donor does not share.</summary>
    public string? Link { get; private set; }

    /// <summary>The card as previews show it; null when not shared.</summary>
    public OpenGraphView? Card { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await shares.MineAsync(user.Id!.Value, ct) is { } link)
        {
            Link = ImpactCards.Absolute(Request, $"/Share/{link.Token}");
            Card = new OpenGraphView("", "", Link, ImpactCards.SharedCardUrl(Request, link.Token), localizer["Card.MyAlt"], ImpactCards.OgLocale());
        }
    }

    public async Task<IActionResult> OnPostAsync([FromServices] ShareImpactHandler share, CancellationToken ct)
    {
        var (_, created) = await share.HandleAsync(ct);
        StatusMessage = created ? localizer["MyShare.Created"].Value : null;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostStopAsync([FromServices] StopSharingImpactHandler stop, CancellationToken ct)
    {
        await stop.HandleAsync(ct);
        StatusMessage = localizer["MyShare.Stopped"];
        return RedirectToPage();
    }
}
