using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Api;

/// <summary>The courier app's API (bearer tokens), the hub hand-over and a dispatcher's assignment by hand.</summary>
internal static class CourierApi
{
    public sealed record StopsDto(DateOnly Day, IReadOnlyList<StopDto> Stops);

    public sealed record AssignmentCommand(Guid CourierId, int RouteOrder);

    public sealed record HubReceiptDto(IReadOnlyList<string> Missing);

    public static void MapCourierApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/courier/stops", Stops)
            .WithTags("Courier").WithSummary("The signed-in courier's stops for a local date (default today), in route order.")
            .RequireAuthorization(Roles.Courier);
        v1.MapPost("/pickups/{reference}/events", RecordEvent)
            .WithTags("Courier")
            .WithSummary("Record EnRoute, PickedUp (labels, bags, weightKg) or Failed (reason, note). Requires Idempotency-Key; honours If-Match.")
            .RequireAuthorization(Roles.Courier);
        v1.MapPut("/pickups/{reference}/photo", UploadPhoto)
            .WithTags("Courier")
            .WithSummary("Upload the door photo (JPEG, PNG or WebP, at most 5 MB) as the raw body; answers its SHA-256 for the PickedUp event.")
            .RequireAuthorization(Roles.Courier);
        v1.MapPost("/pickups/{reference}/assignment", Assign)
            .WithTags("Dispatch").WithSummary("Put a booked stop on a courier's route by hand, at a position.")
            .RequireAuthorization(Policies.DispatchBoard);
        v1.MapGet("/hub/handovers", Handovers)
            .WithTags("Hub").WithSummary("Picked-up pickups of the operator's hub, waiting to be received.")
            .RequireAuthorization(Roles.HubOperator);
        v1.MapPost("/pickups/{reference}/hub-receipt", Receive)
            .WithTags("Hub").WithSummary("Receive a pickup's bags at the hub; collected labels not listed are flagged missing (a note is then required). intakeKg is the hub's own weighing, flagged when it disagrees with the door weight.")
            .RequireAuthorization(Roles.HubOperator);
    }

    private static async Task<Ok<StopsDto>> Stops(DateOnly? date, CourierStops stops, CancellationToken ct)
    {
        var (day, list) = await stops.ForDayAsync(date, ct);
        return TypedResults.Ok(new StopsDto(day, list));
    }

    private static async Task<Ok<StopDto>> RecordEvent(string reference, RecordPickupEventCommand command,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, RecordPickupEventHandler handler, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            throw new ValidationException([new ValidationFailure("Idempotency-Key", "The Idempotency-Key header is required.")
            {
                ErrorCode = Rules.Idempotency.KeyRequired.Code,
            }]);
        }
        var stop = await handler.HandleAsync(reference, command, idempotencyKey, Http.IfMatch(http), ct);
        Http.SetETag(http, stop.Version);
        return TypedResults.Ok(stop);
    }

    public sealed record PhotoDto(string Sha256);

    private static async Task<Ok<PhotoDto>> UploadPhoto(string reference, HttpRequest request, AttachPickupPhotoHandler handler, CancellationToken ct)
    {
        var content = await Http.ReadBoundedAsync(request.Body, request.ContentLength, PickupPhoto.MaxBytes, Rules.Photo.TooLarge, ct);
        var sha = await handler.HandleAsync(reference, content, ct);
        return TypedResults.Ok(new PhotoDto(sha));
    }

    private static async Task<NoContent> Assign(string reference, AssignmentCommand command, AssignStopHandler handler, CancellationToken ct)
    {
        await handler.HandleAsync(reference, command.CourierId, command.RouteOrder, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<HandoverDto>>> Handovers(HandoverQueries hub, CancellationToken ct) =>
        TypedResults.Ok(await hub.WaitingAsync(ct));

    private static async Task<Ok<HubReceiptDto>> Receive(string reference, ReceiveHandoverCommand command, ReceiveHandoverHandler handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(new HubReceiptDto(await handler.HandleAsync(reference, command, Http.IfMatch(http), ct)));
}
