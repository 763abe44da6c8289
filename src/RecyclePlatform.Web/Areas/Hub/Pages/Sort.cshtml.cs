using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Web.Areas.Hub.Pages;

/// <summary>Sort what the hub received into one lot per stream; errors stand next to the stream they concern.</summary>
public sealed class SortModel(HubSorting sorting, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static readonly LotStream[] Streams = [LotStream.Reuse, LotStream.Recycle, LotStream.Waste];

    public IReadOnlyList<SortablePickupDto> Sortable { get; private set; } = [];

    [BindProperty]
    public List<string> Pickups { get; set; } = [];

    [BindProperty]
    public Dictionary<LotStream, decimal?> Kg { get; set; } = [];

    [BindProperty]
    public Dictionary<LotStream, List<ItemCategories>> Categories { get; set; } = [];

    /// <summary>Field errors by field id ("kg-Reuse", "pickups", "form").</summary>
    public Dictionary<string, string> Errors { get; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sortable = await sorting.SortableAsync(ct);
        Pickups = [.. Sortable.Select(s => s.Reference)];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var lots = Streams.Where(s => Kg.GetValueOrDefault(s) is not null || Categories.GetValueOrDefault(s) is { Count: > 0 })
            .Select(s => new LotInput { Stream = s, Kg = Kg.GetValueOrDefault(s), Categories = Categories.GetValueOrDefault(s) ?? [] }).ToList();
        try
        {
            var made = await sorting.SortAsync(new SortCommand { Pickups = Pickups, Lots = lots }, ct);
            StatusMessage = localizer["Sort.Done", made.Count, Pickups.Count];
            return RedirectToPage("Lots");
        }
        catch (ValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                var field = error.PropertyName switch
                {
                    nameof(SortCommand.Pickups) => "pickups",
                    var name when name.StartsWith("Lots[", StringComparison.Ordinal) =>
                        $"{(name.EndsWith(".Categories", StringComparison.Ordinal) ? "categories" : "kg")}-{lots[int.Parse(name[5..name.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)].Stream}",
                    _ => "form",
                };
                Errors.TryAdd(field, ErrorMessages.For(localizer, error.ErrorCode, error.ErrorMessage));
            }
        }
        catch (DomainRuleException rule)
        {
            Errors["form"] = ErrorMessages.For(localizer, rule.Code);
        }
        catch (NotFoundException)
        {
            Errors["pickups"] = localizer["Sort.PickupGone"];
        }
        Sortable = await sorting.SortableAsync(ct);
        return Page();
    }
}
