using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.UnitTests.Domain;

/// <summary>
/// Each named set of statuses, with its members spelled out here: a new status is in none of the
/// tables below, so it fails <see cref="EveryStatus_IsPlacedInEverySet"/> until someone decides
/// where it belongs.
/// </summary>
public sealed class PickupStatusesTests
{
    private static readonly PickupStatus[] Open = [PickupStatus.Booked, PickupStatus.Assigned, PickupStatus.EnRoute];
    private static readonly PickupStatus[] Pending = [PickupStatus.Booked, PickupStatus.Assigned];
    private static readonly PickupStatus[] Reschedulable = [PickupStatus.Booked];
    private static readonly PickupStatus[] OnRoute = [PickupStatus.Assigned, PickupStatus.EnRoute];
    private static readonly PickupStatus[] Routed =
        [PickupStatus.Assigned, PickupStatus.EnRoute, PickupStatus.PickedUp, PickupStatus.AtHub, PickupStatus.Sorted, PickupStatus.Failed];
    private static readonly PickupStatus[] Collected = [PickupStatus.PickedUp, PickupStatus.AtHub, PickupStatus.Sorted];
    private static readonly PickupStatus[] EndedUncollected = [PickupStatus.Cancelled, PickupStatus.Failed];

    /// <summary>The statuses this test was written for; a status outside it has not been placed in the sets.</summary>
    private static readonly PickupStatus[] Decided =
    [
        PickupStatus.Booked, PickupStatus.Assigned, PickupStatus.EnRoute, PickupStatus.PickedUp,
        PickupStatus.AtHub, PickupStatus.Sorted, PickupStatus.Cancelled, PickupStatus.Failed,
    ];

    public static TheoryData<PickupStatus> EveryStatus() => [.. Enum.GetValues<PickupStatus>()];

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void EveryStatus_IsPlacedInEverySet(PickupStatus status)
    {
        Decided.ShouldContain(status, $"{status} is new: decide which sets of PickupStatuses it belongs to, then add it here");
    }

    [Fact]
    public void Lists_HoldExactlyTheirMembers()
    {
        PickupStatuses.Open.ShouldBe(Open, ignoreOrder: true);
        PickupStatuses.Pending.ShouldBe(Pending, ignoreOrder: true);
        PickupStatuses.Reschedulable.ShouldBe(Reschedulable, ignoreOrder: true);
        PickupStatuses.OnRoute.ShouldBe(OnRoute, ignoreOrder: true);
        PickupStatuses.Routed.ShouldBe(Routed, ignoreOrder: true);
        PickupStatuses.Collected.ShouldBe(Collected, ignoreOrder: true);
        PickupStatuses.EndedUncollected.ShouldBe(EndedUncollected, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Predicates_AnswerForTheirMembersOnly(PickupStatus status)
    {
        status.IsOpen().ShouldBe(Open.Contains(status), nameof(PickupStatuses.IsOpen));
        status.IsPending().ShouldBe(Pending.Contains(status), nameof(PickupStatuses.IsPending));
        status.IsReschedulable().ShouldBe(Reschedulable.Contains(status), nameof(PickupStatuses.IsReschedulable));
        status.IsOnRoute().ShouldBe(OnRoute.Contains(status), nameof(PickupStatuses.IsOnRoute));
        status.IsRouted().ShouldBe(Routed.Contains(status), nameof(PickupStatuses.IsRouted));
        status.IsCollected().ShouldBe(Collected.Contains(status), nameof(PickupStatuses.IsCollected));
        status.HasEndedUncollected().ShouldBe(EndedUncollected.Contains(status), nameof(PickupStatuses.HasEndedUncollected));
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Pending_IsExactlyWhatTheLifecycleLetsBeCancelled(PickupStatus status)
    {
        status.IsPending().ShouldBe(Pickup.CanMove(status, PickupStatus.Cancelled));
    }

    [Fact]
    public void DispatchRunStatuses_Active_IsQueuedAndRunning()
    {
        DispatchRunStatuses.Active.ShouldBe([DispatchRunStatus.Queued, DispatchRunStatus.Running], ignoreOrder: true);
        Enum.GetValues<DispatchRunStatus>().Where(s => s.IsActive())
            .ShouldBe([DispatchRunStatus.Queued, DispatchRunStatus.Running], ignoreOrder: true);
        Enum.GetValues<DispatchRunStatus>().ShouldBe(
            [DispatchRunStatus.Queued, DispatchRunStatus.Running, DispatchRunStatus.Completed, DispatchRunStatus.Cancelled, DispatchRunStatus.Failed],
            "a new run status: decide whether it is active (and the unique index ux_dispatch_runs_one_active with it)");
    }
}
