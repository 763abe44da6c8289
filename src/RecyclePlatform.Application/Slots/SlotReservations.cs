using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Application.Slots;

/// <summary>
/// Every write to the slots table but a dispatcher's override (a versioned change of one slot, saved as
/// any aggregate is): creating windows, and the places and capacities that change beside concurrent
/// bookings. Places are taken and freed with one conditional UPDATE each. The database evaluates
/// `booked &lt; capacity` and increments in the same statement, so however many requests race
/// for the last place, exactly one gets it; the others see zero rows changed. Implemented by
/// Infrastructure, which runs the statement without EF's query pipeline (every booking takes a place).
/// </summary>
public interface ISlotReservations
{
    /// <summary>True when this call took a place; false when the window was full (or is gone).</summary>
    Task<bool> TryTakeAsync(Guid slotId, CancellationToken ct);

    /// <summary>Gives a place back; never below zero.</summary>
    Task ReleaseAsync(Guid slotId, CancellationToken ct);

    /// <summary>Takes <paramref name="places"/> even beyond the capacity: for a drive agreed with the city.</summary>
    Task TakeBeyondCapacityAsync(Guid slotId, int places, CancellationToken ct);

    /// <summary>
    /// Sets the capacity of every district's window of the city that starts at <paramref name="windowStart"/> and that
    /// no dispatcher overrode; places already booked stay booked.
    /// </summary>
    Task FollowCapacityAsync(Guid cityId, DateTimeOffset windowStart, int capacity, CancellationToken ct);

    /// <summary>
    /// Creates new windows. False when another request created (some of) them first: a window is unique by
    /// district and start, and theirs stand; none of these were written.
    /// </summary>
    Task<bool> TryCreateAsync(IReadOnlyCollection<Slot> slots, CancellationToken ct);
}
