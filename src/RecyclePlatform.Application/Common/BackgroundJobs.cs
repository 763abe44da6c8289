namespace RecyclePlatform.Application.Common;

/// <summary>
/// The background jobs, by the names the scheduler, the metrics and the administrator's page use.
/// Every node can run each of them; the clustered scheduler runs each firing on one node only.
/// </summary>
public static class BackgroundJob
{
    public const string LedgerSequencer = "ledger-sequencer";
    public const string LedgerWitness = "ledger-witness";
    public const string LedgerAudit = "ledger-audit";
    public const string Notifications = "notifications";
    public const string NotificationRetention = "notification-retention";
    public const string DispatchRuns = "dispatch-runs";
}

/// <summary>The scheduler, as use cases and pages see it.</summary>
public interface IBackgroundJobs
{
    /// <summary>
    /// Asks for a run of <paramref name="job"/> as soon as a node is free, on top of its schedule (a queued
    /// dispatch run should not wait for the next poll). Best effort: the schedule picks the work up anyway.
    /// </summary>
    Task RunSoonAsync(string job, CancellationToken ct);

    /// <summary>Each job's schedule and last run, and the nodes taking part, for the administrator.</summary>
    Task<BackgroundWorkState> StateAsync(CancellationToken ct);
}

public sealed record BackgroundWorkState(bool Clustered, string ThisNode, bool Running, IReadOnlyList<JobState> Jobs,
    IReadOnlyList<SchedulerNodeState> Nodes, IReadOnlyList<JobRun> RecentRunsHere);

/// <param name="TriggerState">Quartz's: Normal (waiting), Blocked (running now on some node), Paused, Error, or None (not scheduled here).</param>
/// <param name="LastOutcome">"ok" or "failed", from whichever node ran it last.</param>
public sealed record JobState(string Name, TimeSpan Every, string TriggerState, DateTimeOffset? PreviousRun, DateTimeOffset? NextRun,
    string? LastOutcome, DateTimeOffset? LastFinished, double? LastSeconds, string? LastNode);

public sealed record SchedulerNodeState(string Name, DateTimeOffset? LastCheckin, TimeSpan? CheckinInterval);

/// <summary>One run of a job on this node: which firing (its scheduled time), when, how long, how it ended.</summary>
public sealed record JobRun(string Job, string FireId, DateTimeOffset ScheduledFor, DateTimeOffset Started, DateTimeOffset Finished, bool Succeeded);
