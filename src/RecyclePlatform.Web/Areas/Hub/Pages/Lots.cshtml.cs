using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Hubs;

namespace RecyclePlatform.Web.Areas.Hub.Pages;

public sealed class LotsModel(HubSorting sorting, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<LotDto> Lots { get; private set; } = [];
    public IReadOnlyList<PartnerChoiceDto> Partners { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Lots = await sorting.LotsAsync(ct);
        Partners = await sorting.PartnersAsync(ct);
    }

    public async Task<IActionResult> OnPostAllocateAsync(Guid lot, Guid? partner, long version, CancellationToken ct)
    {
        var allocated = await sorting.AllocateAsync(lot, partner ?? Guid.Empty, version, ct);
        StatusMessage = localizer["Lots.Allocated", allocated.Partner?.Local() ?? ""];
        return RedirectToPage();
    }
}
