using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Web.Api;

namespace RecyclePlatform.Web.Areas.Charity.Pages;

/// <summary>The audit trail behind the partner's lots, filtered, with CSV and JSON downloads of the same rows.</summary>
public sealed class AuditModel(AuditTrail trail, PartnerLotQueries lots) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "city")]
    public Guid? CityId { get; set; }

    [BindProperty(SupportsGet = true, Name = "lot")]
    public Guid? LotId { get; set; }

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public IReadOnlyList<LotDto> Lots { get; private set; } = [];

    private AuditFilter Filter => new(From, To, CityId, LotId);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Lots = await lots.MineAsync(ct);
        Rows = await trail.RowsAsync(Filter, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        File(AuditCsvFile.Write(await trail.RowsAsync(Filter, ct)), "text/csv; charset=utf-8", $"audit-trail-{DateTime.UtcNow:yyyyMMdd}.csv");

    public async Task<IActionResult> OnGetJsonAsync(CancellationToken ct) =>
        File(JsonSerializer.SerializeToUtf8Bytes(await trail.RowsAsync(Filter, ct), JsonSerializerOptions.Web), "application/json",
            $"audit-trail-{DateTime.UtcNow:yyyyMMdd}.json");
}
