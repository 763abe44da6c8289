namespace RecyclePlatform.Domain.Pickups;

/// <summary>
/// The sets of <see cref="PickupStatus"/> the rules and screens speak of, each defined once. Each set is a
/// list (for database queries: <c>PickupStatuses.Open.Contains(p.Status)</c> translates to SQL <c>IN</c>,
/// a method call does not) and a predicate on the status read from that same list, so the two never disagree.
/// </summary>
public static class PickupStatuses
{
    /// <summary>Not yet collected and still to happen: booked, assigned or on the way. The day's work left to plan.</summary>
    public static IReadOnlyList<PickupStatus> Open { get; } = [PickupStatus.Booked, PickupStatus.Assigned, PickupStatus.EnRoute];

    /// <summary>
    /// Open and nobody has set off to it yet (booked or assigned): it can still be cancelled or moved to
    /// another route, and the donor still gets the day-before reminder.
    /// </summary>
    public static IReadOnlyList<PickupStatus> Pending { get; } = [PickupStatus.Booked, PickupStatus.Assigned];

    /// <summary>The donor may move it to another window: booked and not yet planned onto a route.</summary>
    public static IReadOnlyList<PickupStatus> Reschedulable { get; } = [PickupStatus.Booked];

    /// <summary>On a courier's route and not yet done there: assigned or on the way.</summary>
    public static IReadOnlyList<PickupStatus> OnRoute { get; } = [PickupStatus.Assigned, PickupStatus.EnRoute];

    /// <summary>A stop of a courier's: on their route now or done there (collected onwards, or failed); never booked or cancelled.</summary>
    public static IReadOnlyList<PickupStatus> Routed { get; } =
        [PickupStatus.Assigned, PickupStatus.EnRoute, PickupStatus.PickedUp, PickupStatus.AtHub, PickupStatus.Sorted, PickupStatus.Failed];

    /// <summary>The bags left the door with the courier: picked up, at the hub or sorted.</summary>
    public static IReadOnlyList<PickupStatus> Collected { get; } = [PickupStatus.PickedUp, PickupStatus.AtHub, PickupStatus.Sorted];

    /// <summary>Ended without a collection (cancelled or failed): the pickup no longer holds its place in the window.</summary>
    public static IReadOnlyList<PickupStatus> EndedUncollected { get; } = [PickupStatus.Cancelled, PickupStatus.Failed];

    public static bool IsOpen(this PickupStatus status) => Open.Contains(status);

    public static bool IsPending(this PickupStatus status) => Pending.Contains(status);

    public static bool IsReschedulable(this PickupStatus status) => Reschedulable.Contains(status);

    public static bool IsOnRoute(this PickupStatus status) => OnRoute.Contains(status);

    public static bool IsRouted(this PickupStatus status) => Routed.Contains(status);

    public static bool IsCollected(this PickupStatus status) => Collected.Contains(status);

    public static bool HasEndedUncollected(this PickupStatus status) => EndedUncollected.Contains(status);
}
