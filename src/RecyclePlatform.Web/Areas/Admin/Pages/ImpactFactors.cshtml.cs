using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Impact;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Areas.Admin.Pages;

/// <summary>The factor table in force, and a form to publish the next version (prefilled with the current factors).</summary>
public sealed class ImpactFactorsModel(ImpactQueries impact, IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    /// <summary>Every factor the table needs, in the order the form shows them.</summary>
    public static readonly IReadOnlyList<(LotStream Stream, FactorMeasure Measure)> Needed =
        [.. Enum.GetValues<FactorMeasure>().SelectMany(m => Enum.GetValues<LotStream>().Select(s => (s, m)))];

    public ImpactFactorTable? Current { get; private set; }

    [BindProperty]
    public PublishImpactFactorsCommand Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        Input = new PublishImpactFactorsCommand
        {
            Factors = [.. Needed.Select(n => Current?.Factors.FirstOrDefault(f => f.Stream == n.Stream && f.Measure == n.Measure) is { } f
                ? new FactorInput { Stream = f.Stream, Measure = f.Measure, Value = f.Value, Source = f.Source, Year = f.Year }
                : new FactorInput { Stream = n.Stream, Measure = n.Measure })],
        };
    }

    public async Task<IActionResult> OnPostAsync([FromServices] PublishImpactFactorsHandler publish, CancellationToken ct)
    {
        var table = await publish.HandleAsync(Input, ct);
        StatusMessage = localizer["AdminFactors.Published", table.Version];
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken ct) => Current = await impact.FactorsAsync(null, ct);
}
