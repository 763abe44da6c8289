using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Pickups;

public sealed class ReschedulePickupCommand
{
    public Guid SlotId { get; set; }
}

public sealed class ReschedulePickupValidator : AbstractValidator<ReschedulePickupCommand>
{
    public ReschedulePickupValidator() => RuleFor(c => c.SlotId).NotEmpty().WithRule(Rules.Pickup.SlotRequired);
}

public sealed class CancelPickupCommand
{
    public string? Reason { get; set; }
}

public sealed class CancelPickupValidator : AbstractValidator<CancelPickupCommand>
{
    public CancelPickupValidator() =>
        RuleFor(c => c.Reason).MaximumLength(PickupEvent.MaxNote).WithRule(Rules.Pickup.ReasonTooLong);
}

/// <summary>
/// The donor's own changes before the cut-off. A pickup that is not the caller's is "not
/// found", never "forbidden", so references cannot be probed. <paramref name="expectedVersion"/>
/// (the ETag a client read) guards against overwriting a change made elsewhere.
/// </summary>
public sealed class ChangePickupHandler(
    IAppDbContext db, ICurrentUser user, TimeProvider time, ISlotReservations reservations,
    IValidator<ReschedulePickupCommand> rescheduleValidator, IValidator<CancelPickupCommand> cancelValidator,
    NotificationOutbox outbox)
{
    public async Task<Pickup> RescheduleAsync(string reference, ReschedulePickupCommand command, long? expectedVersion, CancellationToken ct)
    {
        await rescheduleValidator.ValidateAndThrowAsync(command, ct);
        var pickup = await LoadOwnAsync(reference, expectedVersion, ct);
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == pickup.CityId, ct);
        var newSlot = await db.Slots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.SlotId, ct)
            ?? throw new NotFoundException("slot", command.SlotId);
        var oldSlotId = pickup.SlotId;

        pickup.Reschedule(newSlot, city.Booking.Cutoff, time.GetUtcNow());

        // Take the new place before freeing the old: if the new window is full nothing changes.
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (!await reservations.TryTakeAsync(newSlot.Id, ct))
        {
            throw new Domain.Common.DomainRuleException(Rules.Slot.Full);
        }
        await reservations.ReleaseAsync(oldSlotId, ct);
        outbox.Add(NotificationKind.Rescheduled, pickup, city.TimeZoneId, time.GetUtcNow());
        await db.SaveChangesAsync(ct); // a concurrent change of this pickup fails here and rolls back both places
        await transaction.CommitAsync(ct);
        return pickup;
    }

    public async Task<Pickup> CancelAsync(string reference, CancelPickupCommand command, long? expectedVersion, CancellationToken ct)
    {
        await cancelValidator.ValidateAndThrowAsync(command, ct);
        var pickup = await LoadOwnAsync(reference, expectedVersion, ct);
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == pickup.CityId, ct);

        pickup.Cancel(PickupActor.Consumer, city.Booking.Cutoff, time.GetUtcNow(), command.Reason?.Trim());

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await reservations.ReleaseAsync(pickup.SlotId, ct);
        outbox.Add(NotificationKind.Cancelled, pickup, city.TimeZoneId, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return pickup;
    }

    private async Task<Pickup> LoadOwnAsync(string reference, long? expectedVersion, CancellationToken ct)
    {
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var consumerId = user.Id;
        var pickup = await db.Pickups.SingleOrDefaultAsync(p => p.Reference == canonical && p.ConsumerId == consumerId, ct)
            ?? throw new NotFoundException("pickup", reference);
        if (expectedVersion is { } expected && expected != pickup.Version)
        {
            throw new DbUpdateConcurrencyException($"Pickup {canonical} is at version {pickup.Version}, not {expected}.");
        }
        return pickup;
    }
}
