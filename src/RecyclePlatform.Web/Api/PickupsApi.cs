using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Api;

internal static class PickupsApi
{
    public static void MapPickupsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/slots", ListSlots)
            .WithTags("Booking")
            .WithSummary("Pickup windows of a district between two local dates (default: the booking horizon), with places left.")
            .AllowAnonymous();

        v1.MapPut("/slots/{id:guid}/capacity", OverrideCapacity)
            .WithTags("Booking")
            .WithSummary("Dispatchers: set the places of one window in a city they plan. Honours If-Match (the slot version).")
            .RequireAuthorization(Policies.DispatchBoard);

        var pickups = v1.MapGroup("/pickups").WithTags("Pickups").RequireAuthorization(Roles.Consumer);
        pickups.MapPost("", Book)
            .WithSummary("Book a pickup. Requires an Idempotency-Key header: a retry with the same key and body returns the first booking.")
            .WithMetadata(new BookingRateLimitAttribute());
        pickups.MapGet("", ListMine).WithSummary("The caller's pickups, newest first, cursor-paginated.");
        pickups.MapGet("/{reference}", Get).WithName(RouteNames.Pickup).WithSummary("One of the caller's pickups, with its timeline and bag labels. ETag = version.");
        pickups.MapPost("/{reference}/reschedule", Reschedule).WithSummary("Move to another window before the cut-off. Honours If-Match.");
        pickups.MapPost("/{reference}/cancellation", Cancel).WithSummary("Cancel before the cut-off. Honours If-Match.");
    }

    private static async Task<Ok<SlotListDto>> ListSlots(Guid districtId, DateOnly? from, DateOnly? to, SlotQueries slots, CancellationToken ct) =>
        TypedResults.Ok(await slots.ListAsync(districtId, from, to, ct));

    public sealed record SlotCapacityDto(Guid Id, int Capacity, int Booked, int PlacesLeft, bool CapacityOverridden, long Version);

    private static async Task<Ok<SlotCapacityDto>> OverrideCapacity(Guid id, OverrideSlotCapacityCommand command,
        OverrideSlotCapacityHandler handler, HttpContext http, CancellationToken ct)
    {
        var slot = await handler.HandleAsync(id, command, Http.IfMatch(http), ct);
        Http.SetETag(http, slot.Version);
        return TypedResults.Ok(new SlotCapacityDto(slot.Id, slot.Capacity, slot.Booked, slot.PlacesLeft, slot.CapacityOverridden, slot.Version));
    }

    private static async Task<Created<PickupDetailsDto>> Book(
        BookPickupCommand command, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        BookPickupHandler handler, PickupQueries queries, ICurrentUser user, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            throw new ValidationException([new ValidationFailure("Idempotency-Key", "The Idempotency-Key header is required.")
            {
                ErrorCode = Rules.Idempotency.KeyRequired.Code,
            }]);
        }
        var booked = await handler.HandleAsync(command, idempotencyKey, ct);
        var details = booked.Booked is { } pickup
            ? await queries.DetailsAsync(pickup, ct)
            : await queries.GetMineAsync(user.Id!.Value, booked.Reference, ct);
        Http.SetETag(http, details.Version);
        if (booked.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }
        return Http.CreatedAt(http, details, RouteNames.Pickup, new { reference = details.Reference });
    }

    private static async Task<Ok<PickupPageDto>> ListMine(string? cursor, int? limit, PickupQueries queries, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListMineAsync(user.Id!.Value, cursor, limit ?? 20, ct));

    private static async Task<Ok<PickupDetailsDto>> Get(string reference, PickupQueries queries, ICurrentUser user, HttpContext http, CancellationToken ct)
    {
        var details = await queries.GetMineAsync(user.Id!.Value, reference, ct);
        Http.SetETag(http, details.Version);
        return TypedResults.Ok(details);
    }

    private static async Task<Ok<PickupDetailsDto>> Reschedule(string reference, ReschedulePickupCommand command,
        ReschedulePickupHandler handler, PickupQueries queries, ICurrentUser user, HttpContext http, CancellationToken ct)
    {
        await handler.HandleAsync(reference, command, Http.IfMatch(http), ct);
        return await Get(reference, queries, user, http, ct);
    }

    private static async Task<Ok<PickupDetailsDto>> Cancel(string reference, CancelPickupCommand? command,
        CancelPickupHandler handler, PickupQueries queries, ICurrentUser user, HttpContext http, CancellationToken ct)
    {
        await handler.HandleAsync(reference, command ?? new CancelPickupCommand(), Http.IfMatch(http), ct);
        return await Get(reference, queries, user, http, ct);
    }
}
