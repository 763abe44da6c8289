using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Pickups;

public sealed class ReschedulePickupCommand
{
    public Guid SlotId { get; set; }
}

public sealed class ReschedulePickupValidator : AbstractValidator<ReschedulePickupCommand>
{
    public ReschedulePickupValidator() => RuleFor(c => c.SlotId).NotEmpty().WithRule(Rules.Pickup.SlotRequired);
}

/// <summary>The donor moves their pickup to another window before the cut-off; the new place is taken before the old is freed.</summary>
public sealed class ReschedulePickupHandler(IAppDbContext db, ICurrentUser user, TimeProvider time, ISlotReservations reservations,
    IValidator<ReschedulePickupCommand> validator, NotificationOutbox outbox, SlotPlanner planner)
{
    public async Task<Pickup> HandleAsync(string reference, ReschedulePickupCommand command, long? expectedVersion, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var pickup = await DonorsPickup.LoadAsync(db, user, reference, expectedVersion, ct);
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == pickup.CityId, ct);
        var newSlot = await db.Slots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.SlotId, ct)
            ?? throw new NotFoundException("slot", command.SlotId);
        var oldSlotId = pickup.SlotId;
        if (!await planner.StillOffersAsync(city, newSlot, ct))
        {
            throw new DomainRuleException(Rules.Campaign.WindowWithdrawn);
        }

        pickup.Reschedule(newSlot, city.Booking.Cutoff, time.GetUtcNow());

        // Take the new place before freeing the old: if the new window is full nothing changes.
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (!await reservations.TryTakeAsync(newSlot.Id, ct))
        {
            throw new DomainRuleException(Rules.Slot.Full);
        }
        await reservations.ReleaseAsync(oldSlotId, ct);
        outbox.Add(NotificationKind.Rescheduled, pickup, city.TimeZoneId, time.GetUtcNow());
        await db.SaveChangesAsync(ct); // a concurrent change of this pickup fails here and rolls back both places
        await transaction.CommitAsync(ct);
        return pickup;
    }
}
