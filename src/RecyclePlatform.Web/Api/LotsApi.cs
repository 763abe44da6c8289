using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Application.Regions;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Api;

/// <summary>Sorting and allocation at the hub; receipt, distribution, recycling and the audit trail at the partner.</summary>
internal static class LotsApi
{
    public sealed record AllocateCommand(Guid PartnerId);

    public static void MapLotsApi(this RouteGroupBuilder v1)
    {
        var hub = v1.MapGroup("/hub").WithTags("Hub").RequireAuthorization(Roles.HubOperator);
        hub.MapGet("/sortable", (HubQueries hubs, CancellationToken ct) => hubs.SortableAsync(ct))
            .WithSummary("Pickups received at the operator's hub and not sorted yet, with the weight the hub works with.");
        hub.MapGet("/lots", (HubQueries hubs, CancellationToken ct) => hubs.LotsAsync(ct)).WithName(RouteNames.HubLots).WithSummary("The hub's lots, newest first.");
        hub.MapGet("/partners", (HubQueries hubs, CancellationToken ct) => hubs.PartnersAsync(ct))
            .WithSummary("Charities and recyclers serving the hub's city: who lots can be allocated to.");
        hub.MapPost("/lots", Sort).Idempotent()
            .WithSummary("Sort pickups at the hub into lots (one per stream: reuse, recycle, waste). The lots may not weigh more than 5 % over what was received.");
        hub.MapPost("/lots/{id:guid}/allocation", Allocate)
            .WithSummary("Allocate a reuse lot to a charity or a recycle lot to a recycler of the city. Honours If-Match (the lot version).");

        var partner = v1.MapGroup("/partner").WithTags("Partner").RequireAuthorization(Roles.CharityStaff);
        partner.MapGet("/lots", (PartnerLotQueries lots, CancellationToken ct) => lots.MineAsync(ct)).WithSummary("Lots allocated to the caller's organisation.");
        partner.MapPost("/lots/{id:guid}/receipt", ConfirmReceipt)
            .WithSummary("Confirm receipt once: kg and items received; more kg than allocated needs a note. Honours If-Match.");
        partner.MapGet("/lots/{id:guid}/distributions", (Guid id, PartnerLotQueries lots, CancellationToken ct) => lots.DistributionsAsync(id, ct))
            .WithName(RouteNames.LotDistributions)
            .WithSummary("Distributions recorded from a lot.");
        partner.MapPost("/lots/{id:guid}/distributions", Distribute)
            .WithSummary("Record a distribution (programme id, date, region code, item and beneficiary counts; no free text) within the items received. With an Idempotency-Key, a retry returns the first distribution.");
        partner.MapPost("/lots/{id:guid}/recycling", Recycle).WithSummary("Recyclers: record kg recycled from a received lot.");
        partner.MapGet("/audit", Audit)
            .WithSummary("The audit trail: every ledger entry behind the organisation's lots, with its index and whether its proof verified. Filters: from, to (dates), cityId, lotId.");
        partner.MapGet("/audit.csv", AuditCsv).WithSummary("The audit trail as CSV (UTF-8).");
        partner.MapGet("/programmes", (ProgrammeQueries programmes, CancellationToken ct) => programmes.MineAsync(activeOnly: false, ct))
            .WithName(RouteNames.Programmes)
            .WithSummary("The charity's programme catalogue: distributions name one of its active programmes by id.");
        partner.MapPost("/programmes", CreateProgramme).Idempotent().WithSummary("Add a programme (names in English and Chinese; they stay off the ledger).");
        partner.MapPut("/programmes/{id:guid}", UpdateProgramme).WithSummary("Rename, retire or restore a programme. Honours If-Match.");
        v1.MapGet("/regions", (string? q, int? limit, RegionCatalogue regions) => regions.Search(q, limit ?? 50))
            .WithTags("Partner").AllowAnonymous()
            .WithSummary("Mainland China administrative divisions (GB/T 2260, county level or coarser): the region codes distributions carry. Search by code or name (q).");
        partner.MapGet("/statement/{year:int}", (int year, AuditTrail trail, CancellationToken ct) => trail.YearAsync(year, ct))
            .WithSummary("Year-end statement: lots, kg and items received, distributed and recycled, per programme.");
    }

    private static async Task<Created<ProgrammeDto>> CreateProgramme(SaveProgrammeCommand command, CreateProgrammeHandler handler, HttpContext http, CancellationToken ct)
    {
        var programme = await handler.HandleAsync(command, ct);
        // The catalogue: a single programme has no GET of its own.
        return Http.CreatedAt(http, programme, RouteNames.Programmes);
    }

    private static async Task<Ok<ProgrammeDto>> UpdateProgramme(Guid id, SaveProgrammeCommand command, UpdateProgrammeHandler handler, HttpContext http,
        CancellationToken ct)
    {
        var programme = await handler.HandleAsync(id, command, Http.IfMatch(http), ct);
        Http.SetETag(http, programme.Version);
        return TypedResults.Ok(programme);
    }

    private static async Task<Created<IReadOnlyList<LotDto>>> Sort(SortCommand command, SortPickupsHandler handler, HttpContext http, CancellationToken ct) =>
        Http.CreatedAt(http, await handler.HandleAsync(command, ct), RouteNames.HubLots);

    private static async Task<Ok<LotDto>> Allocate(Guid id, AllocateCommand command, AllocateLotHandler handler, HttpContext http, CancellationToken ct)
    {
        var lot = await handler.HandleAsync(id, command.PartnerId, Http.IfMatch(http), ct);
        Http.SetETag(http, lot.Version);
        return TypedResults.Ok(lot);
    }

    private static async Task<Ok<LotDto>> ConfirmReceipt(Guid id, ConfirmReceiptCommand command, ConfirmLotReceiptHandler handler, HttpContext http, CancellationToken ct)
    {
        var lot = await handler.HandleAsync(id, command, Http.IfMatch(http), ct);
        Http.SetETag(http, lot.Version);
        return TypedResults.Ok(lot);
    }

    private static async Task<Created<DistributionDto>> Distribute(Guid id, DistributeCommand command, DistributeLotHandler handler,
        [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, CancellationToken ct) =>
        Http.CreatedAt(http, await handler.HandleAsync(id, command, Http.IfMatch(http), idempotencyKey, ct), RouteNames.LotDistributions, new { id });

    private static async Task<Ok<LotDto>> Recycle(Guid id, RecycleLotCommand command, RecycleLotHandler handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(id, command, Http.IfMatch(http), ct));

    private static async Task<Ok<IReadOnlyList<AuditRow>>> Audit(DateOnly? from, DateOnly? to, Guid? cityId, Guid? lotId, AuditTrail trail, CancellationToken ct) =>
        TypedResults.Ok(await trail.RowsAsync(new AuditFilter(from, to, cityId, lotId), ct));

    private static async Task<IResult> AuditCsv(DateOnly? from, DateOnly? to, Guid? cityId, Guid? lotId, AuditTrail trail, CancellationToken ct) =>
        Results.File(AuditCsvFile.Write(await trail.RowsAsync(new AuditFilter(from, to, cityId, lotId), ct)), "text/csv; charset=utf-8",
            $"audit-trail-{DateTime.UtcNow:yyyyMMdd}.csv");
}

/// <summary>The audit trail as CSV, written by CsvHelper (quoting, escaping and the header are its job).</summary>
internal static class AuditCsvFile
{
    private static readonly string[] Header =
        ["ledgerIndex", "kind", "at", "lot", "stream", "city", "grams", "verified", "leafHash", "entry"];

    public static byte[] Write(IReadOnlyList<AuditRow> rows)
    {
        using var buffer = new MemoryStream();
        // The UTF-8 byte-order mark, so that spreadsheet programs read Chinese names right.
        buffer.Write(System.Text.Encoding.UTF8.Preamble);
        using (var csv = CsvWriter.Create(buffer, null, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var r in rows)
            {
                csv.WriteRecord(
                [
                    r.LedgerIndex.ToString(CultureInfo.InvariantCulture), r.Kind, AuditTrail.FormatAt(r.At), r.LotId.ToString("D"),
                    r.Stream.ToString(), r.City.En, r.Grams?.ToString(CultureInfo.InvariantCulture) ?? "", r.Verified ? "true" : "false",
                    r.LeafHash, r.Entry,
                ]);
            }
        }
        return buffer.ToArray();
    }
}
