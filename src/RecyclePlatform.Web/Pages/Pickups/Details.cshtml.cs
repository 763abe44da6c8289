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
        try
        {
            await change.CancelAsync(reference, new CancelPickupCommand { Reason = reason }, version, ct);
            StatusMessage = localizer["Details.Cancelled"];
        }
        catch (DomainRuleException rule)
        {
            StatusMessage = ErrorMessages.For(localizer, rule.Code);
        }
        catch (DbUpdateConcurrencyException)
        {
            StatusMessage = ErrorMessages.For(localizer, ErrorMessages.ConcurrencyConflict);
        }
        return RedirectToPage(new { reference });
    }
}
