using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Application.Slots;

public sealed class OverrideSlotCapacityCommand
{
    public int Capacity { get; set; }
}

public sealed class OverrideSlotCapacityValidator : AbstractValidator<OverrideSlotCapacityCommand>
{
    public OverrideSlotCapacityValidator() =>
        RuleFor(c => c.Capacity).InclusiveBetween(0, Slot.MaxCapacity).WithRule(Rules.Slot.CapacityOutOfRange);
}

/// <summary>
/// A dispatcher sets the places of one window in a city they plan. The write carries the slot
/// version that was read (the ETag), and every booking bumps that version, so an override
/// never silently races a booking: one of them is told to look again.
/// </summary>
public sealed class OverrideSlotCapacityHandler(IAppDbContext db, IValidator<OverrideSlotCapacityCommand> validator, ICurrentUser user)
{
    public async Task<Slot> HandleAsync(Guid slotId, OverrideSlotCapacityCommand command, long? expectedVersion, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var slot = await db.Slots.SingleOrDefaultAsync(s => s.Id == slotId, ct) ?? throw new NotFoundException("slot", slotId);
        // Another city's window does not exist for this dispatcher.
        user.RequireCity(slot.CityId, "slot", slotId);
        if (expectedVersion is { } expected && expected != slot.Version)
        {
            throw new DbUpdateConcurrencyException($"Slot {slotId} is at version {slot.Version}, not {expected}.");
        }
        slot.OverrideCapacity(command.Capacity);
        await db.SaveChangesAsync(ct);
        return slot;
    }
}
