using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Areas.Hub.Pages;

/// <summary>Sort what the hub received into one lot per stream; errors stand next to the stream they concern.</summary>
public sealed class SortModel(HubQueries hubs, IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    public static readonly LotStream[] Streams = [LotStream.Reuse, LotStream.Recycle, LotStream.Waste];

    public IReadOnlyList<SortablePickupDto> Sortable { get; private set; } = [];

    [BindProperty]
    public List<string> Pickups { get; set; } = [];

    [BindProperty]
    public Dictionary<LotStream, decimal?> Kg { get; set; } = [];

    [BindProperty]
    public Dictionary<LotStream, List<ItemCategories>> Categories { get; set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sortable = await hubs.SortableAsync(ct);
        Pickups = [.. Sortable.Select(s => s.Reference)];
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SortPickupsHandler sort, CancellationToken ct)
    {
        var lots = SortedStreams.Select(s => new LotInput { Stream = s, Kg = Kg.GetValueOrDefault(s), Categories = Categories.GetValueOrDefault(s) ?? [] }).ToList();
        try
        {
            var made = await sort.HandleAsync(new SortCommand { Pickups = Pickups, Lots = lots }, ct);
            StatusMessage = localizer["Sort.Done", made.Count, Pickups.Count];
            return RedirectToPage("Lots");
        }
        catch (NotFoundException)
        {
            // Not a fault here: another worker at this hub sorted one of the chosen pickups a moment ago.
            ModelState.AddModelError(nameof(Pickups), localizer["Sort.PickupGone"]);
            await ReloadAsync(ct);
            return Page();
        }
    }

    public async Task ReloadAsync(CancellationToken ct) => Sortable = await hubs.SortableAsync(ct);

    /// <summary>The streams given a weight or a category, in order: the lots sent, so <c>Lots[i]</c> in an error is the i-th of these.</summary>
    private List<LotStream> SortedStreams =>
        [.. Streams.Where(s => Kg.GetValueOrDefault(s) is not null || Categories.GetValueOrDefault(s) is { Count: > 0 })];

    /// <summary>The ModelState key of one stream's field (<c>Kg</c> or <c>Categories</c>) in a refused sort.</summary>
    public string LotField(LotStream stream, string field) => $"{nameof(SortCommand.Lots)}[{SortedStreams.IndexOf(stream)}].{field}";
}
