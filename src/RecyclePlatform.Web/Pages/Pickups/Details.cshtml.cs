using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Pages.Pickups;

public sealed class DetailsModel(PickupQueries pickups, ChangePickupHandler change, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public PickupDetailsDto Pickup { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Booked { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        Pickup = await pickups.GetMineAsync(user.Id!.Value, reference, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string reference, long version, string? reason, CancellationToken ct)
    {
        StatusMessage = this.Report(await PageActions.RunAsync(localizer, async () =>
        {
            await change.CancelAsync(reference, new CancelPickupCommand { Reason = reason }, version, ct);
            return localizer["Details.Cancelled"];
        }));
        return RedirectToPage(new { reference });
    }
}
