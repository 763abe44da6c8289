namespace RecyclePlatform.Domain.Dispatch;

/// <summary>
/// The run statuses that count as one run of a city's day at a time, as a list (for queries:
/// <c>DispatchRunStatuses.Active.Contains(r.Status)</c> translates to SQL) and a predicate read from it.
/// The unique index <c>ux_dispatch_runs_one_active</c> spells the same set in SQL.
/// </summary>
public static class DispatchRunStatuses
{
    /// <summary>Waiting for a node or running on one: another run of the same day must wait.</summary>
    public static IReadOnlyList<DispatchRunStatus> Active { get; } = [DispatchRunStatus.Queued, DispatchRunStatus.Running];

    public static bool IsActive(this DispatchRunStatus status) => Active.Contains(status);
}
