using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Web.Pages.Shared;

namespace RecyclePlatform.Web.Pages.Pickups;

public sealed class DetailsModel(PickupQueries pickups, ImpactQueries impact, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer, TimeProvider time) : PageModel
{
    public PickupDetailsDto Pickup { get; private set; } = null!;

    /// <summary>What the pickup's bags became, from the ledger's totals: for the donor only.</summary>
    public DonorStory Story { get; private set; } = null!;

    /// <summary>Now, for saying Today or Tomorrow.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    [BindProperty(SupportsGet = true)]
    public bool Booked { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        Pickup = await pickups.GetMineAsync(user.Id!.Value, reference, ct);
        Story = DonorStory.For(await impact.DonorAsync(user.Id!.Value, null, ct), Pickup.Reference, Pickup.CollectedKg is not null, Pickup.Status.IsOpen());
        return Page();
    }

    /// <summary>The pickup window as a calendar event (.ics), so the donor's phone reminds them too.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(string reference, CancellationToken ct)
    {
        var p = await pickups.GetMineAsync(user.Id!.Value, reference, ct);
        var ics = CalendarFile.For($"{p.Reference}@recycleplatform", time.GetUtcNow(), p.WindowStart, p.WindowEnd,
            localizer["Calendar.Summary", p.Reference], localizer["Calendar.Description", p.Reference, p.Labels.Count]);
        return File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"pickup-{p.Reference}.ics");
    }

    public async Task<IActionResult> OnPostCancelAsync(string reference, long version, string? reason, [FromServices] CancelPickupHandler cancel, CancellationToken ct)
    {
        await cancel.HandleAsync(reference, new CancelPickupCommand { Reason = reason }, version, ct);
        StatusMessage = localizer["Details.Cancelled"];
        return RedirectToPage(new { reference });
    }
}
