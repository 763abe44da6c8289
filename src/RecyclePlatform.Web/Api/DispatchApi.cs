using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Api;

/// <summary>
/// The dispatcher's API: the board of a city's day, shifts, couriers, optimisation runs (202 + poll),
/// manual moves with warnings and CSV imports. Another city's data is 404.
/// </summary>
internal static class DispatchApi
{
    public const long MaxImportBytes = 2 * 1024 * 1024;

    public static void MapDispatchApi(this RouteGroupBuilder v1)
    {
        var dispatch = v1.MapGroup("/dispatch").WithTags("Dispatch").RequireAuthorization(Policies.DispatchBoard);
        dispatch.MapGet("/cities/{cityId:guid}/days/{day}/board", Board)
            .WithSummary("A city's day: counts by status, the unassigned pickups (with why), each shift's route with arrival estimates, the latest run.");
        dispatch.MapGet("/cities/{cityId:guid}/days/{day}/shifts", Shifts).WithName(RouteNames.Shifts).WithSummary("The day's shifts.");
        dispatch.MapPost("/shifts", CreateShift).Idempotent().WithSummary("Add a shift: courier, local date, hours, start and end hub, capacity in bags and kg.");
        dispatch.MapDelete("/shifts/{shiftId:guid}", RemoveShift)
            .WithSummary("Remove a shift entered by mistake (204). A shift that has ever had stops cannot be removed (409 shift.has_stops): drop out instead.");
        dispatch.MapPost("/shifts/{shiftId:guid}/drop-out", DropOut).Idempotent()
            .WithSummary("The courier cannot work the shift: their stops not yet started are redistributed over the other shifts by one run (202).");
        dispatch.MapGet("/cities/{cityId:guid}/couriers", Couriers).WithName(RouteNames.Couriers).WithSummary("The city's couriers.");
        dispatch.MapPost("/cities/{cityId:guid}/couriers", CreateCourier).Idempotent().WithSummary("Create a courier and e-mail them a link to choose a password.");
        dispatch.MapPost("/couriers/{courierId:guid}/deactivation", Deactivate).WithSummary("Deactivate a courier: their coming shifts end and their stops go back to unassigned.");
        dispatch.MapGet("/cities/{cityId:guid}/places", Places).WithName(RouteNames.Places).WithSummary("The city's hubs and districts.");
        dispatch.MapPost("/cities/{cityId:guid}/hubs", AddHub).Idempotent().WithSummary("Add a hub: names (en, zh), street address, latitude and longitude.");
        dispatch.MapPost("/cities/{cityId:guid}/districts", AddDistrict).Idempotent().WithSummary("Add a district: slug, names (en, zh), and its centre's latitude and longitude.");
        dispatch.MapPost("/cities/{cityId:guid}/days/{day}/runs", Optimise).Idempotent()
            .WithSummary("Start automatic assignment and route optimisation of the day (202 with the run; poll it). One run per city and day at a time (409).");
        dispatch.MapGet("/runs/{runId:guid}", Run).WithName(RouteNames.DispatchRun).WithSummary("A run's status and progress (percent), and its outcome when finished.");
        dispatch.MapPost("/runs/{runId:guid}/cancellation", Cancel).WithSummary("Stop a run: it ends within about a second and changes nothing.");
        // The names these two had before routes were named by resource; kept for clients written against them.
        dispatch.MapPost("/runs/{runId:guid}/cancel", Cancel).ExcludeFromDescription();
        dispatch.MapPost("/couriers/{courierId:guid}/deactivate", Deactivate).ExcludeFromDescription();
        dispatch.MapPost("/pickups/{reference}/move", Move)
            .WithSummary("Move a stop by hand to a shift's route at a position (1 = first). The move is made; broken windows or capacity come back as warnings.");
        dispatch.MapPost("/cities/{cityId:guid}/import/pickups", ImportPickups).Idempotent()
            .WithSummary("Import pickups from CSV (text/csv body). Columns: " + "date, window_start, district, street, building, contact_name, phone, bags, weight_band, categories, latitude, longitude, access_notes"
                + ". Nothing is imported when any row is invalid; the 422 problem lists each row's errors.");
        dispatch.MapPost("/cities/{cityId:guid}/import/couriers", ImportCouriers).Idempotent()
            .WithSummary("Import couriers from CSV (text/csv body). Columns: email, name, hub (its English name). All or nothing, like pickups.");
    }

    private static async Task<Ok<DispatchBoardDto>> Board(Guid cityId, DateOnly day, DispatchBoard board, CancellationToken ct) =>
        TypedResults.Ok(await board.GetAsync(cityId, day, ct));

    private static async Task<Ok<IReadOnlyList<ShiftDto>>> Shifts(Guid cityId, DateOnly day, ShiftQueries shifts, CancellationToken ct) =>
        TypedResults.Ok(await shifts.ListAsync(cityId, day, ct));

    private static async Task<Created<ShiftDto>> CreateShift(CreateShiftCommand command, CreateShiftHandler handler, HttpContext http, CancellationToken ct)
    {
        var shift = await handler.HandleAsync(command, ct);
        return Http.CreatedAt(http, shift, RouteNames.Shifts,
            new { cityId = shift.CityId, day = shift.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }

    private static async Task<NoContent> RemoveShift(Guid shiftId, RemoveShiftHandler handler, CancellationToken ct)
    {
        await handler.HandleAsync(shiftId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Accepted<DispatchRunDto>> DropOut(Guid shiftId, DropOutOfShiftHandler handler, HttpContext http, CancellationToken ct)
    {
        var run = await handler.HandleAsync(shiftId, ct);
        return Http.AcceptedAt(http, run, RouteNames.DispatchRun, new { runId = run.Id });
    }

    private static async Task<Ok<IReadOnlyList<CourierAdminDto>>> Couriers(Guid cityId, CourierQueries couriers, CancellationToken ct) =>
        TypedResults.Ok(await couriers.ListAsync(cityId, ct));

    private static async Task<Created<CourierInvitation>> CreateCourier(Guid cityId, AddCourierCommand command, AddCourierHandler handler,
        HttpContext http, CancellationToken ct)
    {
        var created = await handler.HandleAsync(cityId, command, ct);
        return Http.CreatedAt(http, created, RouteNames.Couriers, new { cityId });
    }

    private static async Task<NoContent> Deactivate(Guid courierId, DeactivateCourierHandler handler, CancellationToken ct)
    {
        await handler.HandleAsync(courierId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PlacesDto>> Places(Guid cityId, PlaceQueries places, CancellationToken ct) =>
        TypedResults.Ok(await places.ListAsync(cityId, ct));

    private static async Task<Created<HubDto>> AddHub(Guid cityId, PlaceInput input, AddHubHandler handler, HttpContext http, CancellationToken ct) =>
        Http.CreatedAt(http, await handler.HandleAsync(cityId, input, ct), RouteNames.Places, new { cityId });

    private static async Task<Created<DistrictDto>> AddDistrict(Guid cityId, PlaceInput input, AddDistrictHandler handler, HttpContext http, CancellationToken ct) =>
        Http.CreatedAt(http, await handler.HandleAsync(cityId, input, ct), RouteNames.Places, new { cityId });

    private static async Task<Accepted<DispatchRunDto>> Optimise(Guid cityId, DateOnly day, RequestDispatchRunHandler handler, HttpContext http, CancellationToken ct)
    {
        var run = await handler.HandleAsync(new RequestDispatchRunCommand(cityId, day, DispatchRunKind.Optimise), ct);
        return Http.AcceptedAt(http, run, RouteNames.DispatchRun, new { runId = run.Id });
    }

    private static async Task<Ok<DispatchRunDto>> Run(Guid runId, DispatchRunQueries runs, CancellationToken ct) =>
        TypedResults.Ok(await runs.GetAsync(runId, ct));

    private static async Task<Ok<DispatchRunDto>> Cancel(Guid runId, CancelDispatchRunHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(runId, ct));

    private static async Task<Ok<MoveResult>> Move(string reference, MoveStopCommand command, MoveStopHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(reference, command, ct));

    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportPickups(Guid cityId, HttpRequest request, ImportPickupsHandler import,
        IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
        await ImportAsync(request, localizer, body => import.HandleAsync(cityId, body, ct), ct);

    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportCouriers(Guid cityId, HttpRequest request, ImportCouriersHandler import,
        IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
        await ImportAsync(request, localizer, body => import.HandleAsync(cityId, body, ct), ct);

    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportAsync(HttpRequest request, IStringLocalizer localizer,
        Func<Stream, Task<ImportReport>> import, CancellationToken ct)
    {
        if (request.ContentLength is > MaxImportBytes)
        {
            throw new BadHttpRequestException("The CSV is larger than 2 MB.", StatusCodes.Status413PayloadTooLarge);
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxImportBytes)
        {
            throw new BadHttpRequestException("The CSV is larger than 2 MB.", StatusCodes.Status413PayloadTooLarge);
        }
        buffer.Position = 0;
        var report = await import(buffer);
        if (!report.Succeeded)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = localizer["Import.Failed"],
                Detail = localizer["Import.NothingImported", report.Errors.Count],
                Extensions =
                {
                    ["code"] = Rules.Import.InvalidRows.Code,
                    ["rows"] = report.Errors.Select(e => new { e.Line, e.Column, e.Code, Message = ErrorMessages.For(localizer, e.Code) }).ToList(),
                },
            });
        }
        // The couriers' invitations are queued with them; the report keeps no addresses.
        return TypedResults.Ok(report with { Invitations = [] });
    }
}
