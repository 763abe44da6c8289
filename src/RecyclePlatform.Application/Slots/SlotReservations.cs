namespace RecyclePlatform.Application.Slots;

/// <summary>
/// Takes and frees places with one conditional UPDATE each. The database evaluates
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
}
