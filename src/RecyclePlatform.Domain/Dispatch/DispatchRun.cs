using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Dispatch;

public enum DispatchRunStatus
{
    Queued,
    Running,
    Completed,
    Cancelled,
    Failed,
}

/// <summary>What a run was asked to do: plan the whole day again, or only place a dropped-out courier's stops.</summary>
public enum DispatchRunKind
{
    Optimise,
    Redistribute,
}

/// <summary>
/// One optimisation of a city's day, run in the background: its progress, the outcome in numbers,
/// and a cancel request any node can set. The plan itself is stored on the pickups. A running run
/// holds a lease that its node renews while it searches; a run whose lease ran out lost its node
/// and is interrupted by whichever node notices first, so it never blocks the day.
/// </summary>
public sealed class DispatchRun : IVersioned
{
    private DispatchRun(Guid id, Guid cityId, DateOnly day, DispatchRunKind kind, DateTimeOffset requestedAt)
    {
        Id = id;
        CityId = cityId;
        Day = day;
        Kind = kind;
        RequestedAt = requestedAt;
        Status = DispatchRunStatus.Queued;
    }

    private DispatchRun()
    {
    }

    public Guid Id { get; private set; }
    public Guid CityId { get; private set; }
    public DateOnly Day { get; private set; }
    public DispatchRunKind Kind { get; private set; }
    public DispatchRunStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public int Percent { get; private set; }
    public bool CancelRequested { get; private set; }
    public int Served { get; private set; }
    public int Unserved { get; private set; }

    /// <summary>Total driving of the plan, in minutes.</summary>
    public int DrivingMinutes { get; private set; }

    /// <summary>A code when the run failed (never an exception text).</summary>
    public string? Error { get; private set; }

    public long Version { get; private set; }

    /// <summary>Until when the node running it vouches for it (renewed every half second while it searches).</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    public static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(15);

    public bool IsActive => Status.IsActive();

    public bool LeaseExpired(DateTimeOffset now) => Status == DispatchRunStatus.Running && LeaseUntil < now;

    public static DispatchRun Request(Guid cityId, DateOnly day, DispatchRunKind kind, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), cityId, day, kind, now);

    /// <summary>A node takes the queued run (the version decides between two nodes).</summary>
    public void Start(DateTimeOffset now)
    {
        if (Status != DispatchRunStatus.Queued)
        {
            throw new DomainRuleException(Rules.Dispatch.RunFinished);
        }
        Status = DispatchRunStatus.Running;
        LeaseUntil = now + LeaseFor;
    }

    public void Report(int percent) => Percent = Math.Clamp(percent, Percent, 99);

    /// <summary>
    /// A queued run (no node has it yet) and a run whose node is gone end at once; a searching run
    /// is flagged, and its node stops within a second.
    /// </summary>
    public void RequestCancel(DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw new DomainRuleException(Rules.Dispatch.RunFinished);
        }
        CancelRequested = true;
        if (Status == DispatchRunStatus.Queued)
        {
            Cancelled(now);
        }
        else if (LeaseExpired(now))
        {
            Interrupt(now);
        }
    }

    /// <summary>
    /// The node running it is stopping (a deploy, a scale-down): the run goes back to the queue, so another
    /// node searches again from the start, unless someone asked to cancel it meanwhile.
    /// </summary>
    public void Release(DateTimeOffset now)
    {
        if (Status != DispatchRunStatus.Running)
        {
            throw new DomainRuleException(Rules.Dispatch.RunFinished);
        }
        if (CancelRequested)
        {
            Cancelled(now);
            return;
        }
        Status = DispatchRunStatus.Queued;
        Percent = 0;
        LeaseUntil = null;
    }

    /// <summary>The node running it stopped renewing its lease (it died or lost the database).</summary>
    public void Interrupt(DateTimeOffset now) => Fail(Rules.Dispatch.Interrupted.Code, now);

    public void Complete(int served, int unserved, int drivingMinutes, DateTimeOffset now)
    {
        Finish(DispatchRunStatus.Completed, now);
        Served = served;
        Unserved = unserved;
        DrivingMinutes = drivingMinutes;
        Percent = 100;
    }

    public void Cancelled(DateTimeOffset now) => Finish(DispatchRunStatus.Cancelled, now);

    public void Fail(string code, DateTimeOffset now)
    {
        Finish(DispatchRunStatus.Failed, now);
        Error = code;
    }

    private void Finish(DispatchRunStatus status, DateTimeOffset now)
    {
        Status = status;
        FinishedAt = now;
        LeaseUntil = null;
    }
}

/// <summary>Why the plan leaves a pickup without a courier; shown to the dispatcher.</summary>
public enum UnservedReason
{
    /// <summary>No courier has a shift that day.</summary>
    NoShift,

    /// <summary>More bags or kilograms than any vehicle carries.</summary>
    TooBig,

    /// <summary>No shift can reach the door inside its window and still get back by its end (or the window has passed).</summary>
    OutOfReach,

    /// <summary>Reachable, but every route is full: more pickups than the day's capacity.</summary>
    DayFull,
}
