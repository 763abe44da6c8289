using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Pages.Pickups;

public sealed class RescheduleModel(PickupQueries pickups, SlotQueries slots, ChangePickupHandler change, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public PickupDetailsDto Pickup { get; private set; } = null!;
    public SlotListDto Slots { get; private set; } = null!;

    [BindProperty]
    public Guid SlotId { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(string reference, CancellationToken ct) => await LoadAsync(reference, ct);

    public async Task<IActionResult> OnPostAsync(string reference, long version, CancellationToken ct)
    {
        try
        {
            await change.RescheduleAsync(reference, new ReschedulePickupCommand { SlotId = SlotId }, version, ct);
            StatusMessage = localizer["Reschedule.Done"];
            return RedirectToPage("/Pickups/Details", new { reference });
        }
        catch (ValidationException invalid)
        {
            BookingErrors.Add(ModelState, invalid, localizer, "");
        }
        catch (DomainRuleException rule)
        {
            ModelState.AddModelError(nameof(SlotId), ErrorMessages.For(localizer, rule.Code));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", ErrorMessages.For(localizer, ErrorMessages.ConcurrencyConflict));
        }
        await LoadAsync(reference, ct);
        return Page();
    }

    private async Task LoadAsync(string reference, CancellationToken ct)
    {
        Pickup = await pickups.GetMineAsync(user.Id!.Value, reference, ct);
        Slots = await slots.ListAsync(Pickup.DistrictId, null, null, ct);
    }
}
