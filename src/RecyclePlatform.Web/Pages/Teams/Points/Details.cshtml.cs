using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Campaigns;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.Teams.Points;

/// <summary>
/// One collection point: when and which district for everyone; for the team's members also where, and the form to
/// book their own bags there; for its founder the button that calls it off.
/// </summary>
[AllowAnonymous]
public sealed class DetailsModel(CollectionPointQueries points, ICurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    public CollectionPointView? Point { get; private set; }

    [BindProperty]
    public BookAtCollectionPointCommand Input { get; set; } = new() { Bags = 1 };

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await ReloadAsync(ct);
        return Point is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostBookAsync(Guid id, [FromServices] BookAtCollectionPointHandler book, CancellationToken ct)
    {
        if (user.Id is null)
        {
            return Challenge(); // the page is public; acting on it needs an account
        }
        var pickup = await book.HandleAsync(id, Input, ct);
        StatusMessage = localizer["Points.Booked"];
        return RedirectToPage("/Pickups/Details", new { reference = Domain.Pickups.PickupReference.Format(pickup.Reference) });
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, [FromServices] CancelCollectionPointHandler cancel, CancellationToken ct)
    {
        if (user.Id is null)
        {
            return Challenge();
        }
        await cancel.HandleAsync(id, ct);
        StatusMessage = localizer["Points.CalledOff"];
        return RedirectToPage("/Teams/Index");
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        var id = RouteData.Values.TryGetValue("id", out var value) && Guid.TryParse(value?.ToString(), out var parsed) ? parsed : Guid.Empty;
        Point = await points.OneAsync(id, user.Id, ct);
    }
}
