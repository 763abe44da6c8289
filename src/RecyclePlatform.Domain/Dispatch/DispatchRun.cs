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
/// and a cancel request any node can set. The plan itself is stored on the pickups.
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

    public bool IsActive => Status is DispatchRunStatus.Queued or DispatchRunStatus.Running;

    public static DispatchRun Request(Guid cityId, DateOnly day, DispatchRunKind kind, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), cityId, day, kind, now);

    public void Start() => Status = IsActive ? DispatchRunStatus.Running : throw new DomainRuleException("dispatch.run_finished");

    public void Report(int percent) => Percent = Math.Clamp(percent, Percent, 99);

    public void RequestCancel()
    {
        if (!IsActive)
        {
            throw new DomainRuleException("dispatch.run_finished");
        }
        CancelRequested = true;
    }

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
