using Microsoft.AspNetCore.Http.HttpResults;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Api;

/// <summary>
/// The public ledger. Two faces: the C2SP tlog-tiles layout under /ledger (checkpoint, tiles,
/// entry bundles, verifier key) that existing transparency-log clients read as they are, and JSON
/// under /api/v1/ledger with entries and their proofs. Nothing here needs an account.
/// </summary>
internal static class LedgerApi
{
    public static void MapLedgerTiles(this WebApplication app)
    {
        var log = app.MapGroup("/ledger").AllowAnonymous().ExcludeFromDescription();
        log.MapGet("/checkpoint", Checkpoint);
        log.MapGet("/key", (ICheckpointSigner signer, HttpContext http) => Text(http, signer.VerifierKey + "\n", "public, max-age=3600"));
        log.MapGet("/tile/{**path}", Tile);
    }

    public static void MapLedgerApi(this RouteGroupBuilder v1)
    {
        var ledger = v1.MapGroup("/ledger").WithTags("Ledger").AllowAnonymous();
        ledger.MapGet("/checkpoint", LatestCheckpoint)
            .WithSummary("The latest signed checkpoint (C2SP signed-note) with the verifier key.");
        ledger.MapGet("/witnesses", async (LedgerQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.WitnessesAsync(ct)))
            .WithSummary("The witnesses that cosign the checkpoints, each with the newest checkpoint size it cosigned and when.");
        ledger.MapGet("/entries", Recent).WithName(RouteNames.LedgerEntries)
            .WithSummary("Entries, newest first. Page with before = the nextBefore of the previous page.");
        ledger.MapGet("/entries/{index:long}", Entry)
            .WithSummary("One entry with its inclusion proof and the signed checkpoint it is against: the latest, or the signed size given as treeSize. Verified says the server checked it.");
        ledger.MapGet("/receipts/{code}", Receipt)
            .WithSummary("The entries a donor's receipt code opens, each with its inclusion proof.");
        ledger.MapGet("/consistency", Consistency)
            .WithSummary("Consistency proof between two tree sizes (to defaults to the latest checkpoint).");

        v1.MapPost("/ledger/corrections", Correct).Idempotent()
            .WithTags("Ledger")
            .WithSummary("Administrators: append a correction of an entry (reason from a fixed list, only fields the entry has). The original is never changed.")
            .RequireAuthorization(Roles.Admin);

        v1.MapGet("/pickups/{reference}/receipt", DonorReceipt)
            .WithTags("Pickups")
            .WithSummary("The donor's receipt for a collected pickup: what, how much, where it went, and its ledger entries.")
            .RequireAuthorization(Roles.Consumer);
    }

    private static async Task<IResult> Checkpoint(LedgerQueries queries, HttpContext http, CancellationToken ct) =>
        await queries.LatestCheckpointNoteAsync(ct) is { } note
            ? Text(http, note, "no-cache")
            : Results.Text("No checkpoint has been signed yet.\n", "text/plain", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> Tile(string path, ILedgerTiles tiles, HttpContext http, CancellationToken ct)
    {
        if (!TilePath.TryParse(path, out var tile) || await tiles.ReadAsync(tile, ct) is not { } bytes)
        {
            return Results.Text("No such tile.\n", "text/plain", statusCode: StatusCodes.Status404NotFound);
        }
        // A tile's bytes never change once it has its width, partial ones included.
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.AccessControlAllowOrigin = "*";
        return Results.Bytes(bytes, "application/octet-stream");
    }

    private static IResult Text(HttpContext http, string text, string cacheControl)
    {
        http.Response.Headers.CacheControl = cacheControl;
        http.Response.Headers.AccessControlAllowOrigin = "*";
        return Results.Text(text, "text/plain; charset=utf-8");
    }

    private static async Task<Results<Ok<CheckpointDto>, ProblemHttpResult>> LatestCheckpoint(LedgerQueries queries, CancellationToken ct) =>
        await queries.LatestCheckpointAsync(ct) is { } checkpoint
            ? TypedResults.Ok(checkpoint)
            : TypedResults.Problem(title: "No checkpoint yet", detail: "The ledger has not signed its first checkpoint yet; try again in a second.",
                statusCode: StatusCodes.Status503ServiceUnavailable);

    private static async Task<Ok<LedgerPage>> Recent(long? before, int? limit, LedgerQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.RecentAsync(before, limit ?? 20, ct));

    private static async Task<Ok<ProvenEntryDto>> Entry(long index, long? treeSize, LedgerQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.EntryAsync(index, ct, treeSize));

    private static async Task<Ok<IReadOnlyList<ProvenEntryDto>>> Receipt(string code, LedgerQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ByReceiptCodeAsync(code, ct));

    private static async Task<Ok<ConsistencyProofDto>> Consistency(long from, long? to, LedgerQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ConsistencyAsync(from, to, ct));

    private static async Task<Accepted> Correct(CorrectionCommand command, AppendLedgerCorrectionHandler handler, HttpContext http, CancellationToken ct)
    {
        await handler.HandleAsync(command, ct);
        // Appended by the sequencer within a second; the entry list shows it then.
        return Http.AcceptedAt(http, RouteNames.LedgerEntries);
    }

    private static async Task<Ok<ReceiptDto>> DonorReceipt(string reference, DonorReceipts receipts, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await receipts.GetMineAsync(user.Id!.Value, reference, ct));
}
