using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Application.Regions;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Web.Areas.Charity.Pages;

/// <summary>The partner's dashboard: lots allocated to it, and one form for the next step of each.</summary>
public sealed class IndexModel(WorkspaceQueries workspaces, PartnerLotQueries lots, ProgrammeQueries programmes, RegionCatalogue regions, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer, Application.Cities.ReferenceData places, TimeProvider time) : PageModel
{
    /// <summary>Today in each lot's city: the day a distribution form offers first (not the UTC date, a day behind in the Chinese morning).</summary>
    public IReadOnlyDictionary<Guid, DateOnly> TodayIn { get; private set; } = new Dictionary<Guid, DateOnly>();

    public PartnerWorkspaceDto? Partner { get; private set; }
    public IReadOnlyList<LotDto> Lots { get; private set; } = [];
    public IReadOnlyList<DistributionDto> Distributions { get; private set; } = [];

    /// <summary>The charity's own programmes and the regions of its cities: distributions pick from these, never type free text.</summary>
    public IReadOnlyList<ProgrammeDto> Programmes { get; private set; } = [];

    public IReadOnlyList<RegionDto> Regions { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Partner = user.PartnerId is { } partnerId ? await workspaces.FindPartnerAsync(partnerId, ct) : null;
        if (Partner is not null)
        {
            Lots = await lots.MineAsync(ct);
            var today = new Dictionary<Guid, DateOnly>();
            foreach (var cityId in Lots.Select(l => l.CityId).Distinct())
            {
                if (await places.CityAsync(cityId, ct) is { } city)
                {
                    today[cityId] = CityClock.Today(city, time.GetUtcNow());
                }
            }
            TodayIn = today;
            Distributions = await lots.DistributionsAsync(null, ct);
            if (Partner.Kind == Domain.Partners.PartnerKind.Charity)
            {
                Programmes = await programmes.MineAsync(activeOnly: true, ct);
                Regions = await programmes.NearbyRegionsAsync(regions, ct);
            }
        }
    }

    public async Task<IActionResult> OnPostReceiptAsync(Guid lot, long version, decimal? kg, int? items, string? note,
        [FromServices] ConfirmLotReceiptHandler confirm, CancellationToken ct)
    {
        await confirm.HandleAsync(lot, new ConfirmReceiptCommand { Kg = kg, Items = items ?? 0, Note = note }, version, ct);
        StatusMessage = localizer["Charity.ReceiptConfirmed"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDistributeAsync(Guid lot, long version, string? programme, DateOnly? date, string? region, int? items,
        int? beneficiaries, string? idempotencyKey, [FromServices] DistributeLotHandler distribute, CancellationToken ct)
    {
        // The form carries a key made when it was shown: a double click or a resent form records the distribution once.
        await distribute.HandleAsync(lot, new DistributeCommand
        {
            Programme = programme, Date = date, Region = region, Items = items, Beneficiaries = beneficiaries,
        }, version, idempotencyKey, ct);
        StatusMessage = localizer["Charity.DistributionRecorded"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecycleAsync(Guid lot, long version, decimal? kg, [FromServices] RecycleLotHandler recycle, CancellationToken ct)
    {
        await recycle.HandleAsync(lot, new RecycleLotCommand { Kg = kg }, version, ct);
        StatusMessage = localizer["Charity.RecyclingRecorded"];
        return RedirectToPage();
    }
}
