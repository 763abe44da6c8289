using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Hubs;

namespace RecyclePlatform.Web.Areas.Hub.Pages;

public sealed class LotsModel(HubQueries hubs, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<LotDto> Lots { get; private set; } = [];
    public IReadOnlyList<PartnerChoiceDto> Partners { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Lots = await hubs.LotsAsync(ct);
        Partners = await hubs.PartnersAsync(ct);
    }

    public async Task<IActionResult> OnPostAllocateAsync(Guid lot, Guid? partner, long version, [FromServices] AllocateLotHandler allocate, CancellationToken ct)
    {
        var allocated = await allocate.HandleAsync(lot, partner ?? Guid.Empty, version, ct);
        StatusMessage = localizer["Lots.Allocated", allocated.Partner?.Local() ?? ""];
        return RedirectToPage();
    }
}
