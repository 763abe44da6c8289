using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.Pickups;

public sealed class RescheduleModel(PickupQueries pickups, SlotQueries slots, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    public PickupDetailsDto Pickup { get; private set; } = null!;
    public SlotListDto Slots { get; private set; } = null!;

    [BindProperty]
    public Guid SlotId { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(string reference, CancellationToken ct) => await LoadAsync(reference, ct);

    public async Task<IActionResult> OnPostAsync(string reference, long version, [FromServices] ReschedulePickupHandler reschedule, CancellationToken ct)
    {
        await reschedule.HandleAsync(reference, new ReschedulePickupCommand { SlotId = SlotId }, version, ct);
        StatusMessage = localizer["Reschedule.Done"];
        return RedirectToPage("/Pickups/Details", new { reference });
    }

    public Task ReloadAsync(CancellationToken ct) => LoadAsync((string)RouteData.Values["reference"]!, ct);

    private async Task LoadAsync(string reference, CancellationToken ct)
    {
        Pickup = await pickups.GetMineAsync(user.Id!.Value, reference, ct);
        Slots = await slots.ListAsync(Pickup.DistrictId, null, null, ct);
    }
}
