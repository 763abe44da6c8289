using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Pickups;

public sealed class CancelPickupCommand
{
    public string? Reason { get; set; }
}

public sealed class CancelPickupValidator : AbstractValidator<CancelPickupCommand>
{
    public CancelPickupValidator() =>
        RuleFor(c => c.Reason).MaximumLength(PickupEvent.MaxNote).WithRule(Rules.Pickup.ReasonTooLong);
}

/// <summary>The donor cancels their pickup before the cut-off; its place goes back to the window.</summary>
public sealed class CancelPickupHandler(IAppDbContext db, ICurrentUser user, TimeProvider time, ISlotReservations reservations,
    IValidator<CancelPickupCommand> validator, NotificationOutbox outbox)
{
    public async Task<Pickup> HandleAsync(string reference, CancelPickupCommand command, long? expectedVersion, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var pickup = await DonorsPickup.LoadAsync(db, user, reference, expectedVersion, ct);
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == pickup.CityId, ct);

        pickup.Cancel(PickupActor.Consumer, city.Booking.Cutoff, time.GetUtcNow(), command.Reason?.Trim());

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await reservations.ReleaseAsync(pickup.SlotId, ct);
        outbox.Add(NotificationKind.Cancelled, pickup, city.TimeZoneId, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return pickup;
    }
}
