using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Quartz;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Infrastructure.BackgroundWork;

/// <summary>
/// One background job, run by Quartz on whichever node acquires the firing. Every job is stored as
/// non-concurrent, with its data kept after each run (<see cref="SchedulerHost"/>): in the clustered
/// store that means one run at a time across all nodes. A failure is logged (once per outage, <see cref="FailureStreak"/>), counted and noted in the
/// job's stored data for the administrator's page; it never escapes to Quartz, which would refire at once.
/// </summary>
public abstract class PlatformJob(JobRuns runs, PlatformMetrics metrics, ILogger logger) : IJob
{
    public const string LastOutcome = "lastOutcome";
    public const string LastFinished = "lastFinished";
    public const string LastSeconds = "lastSeconds";
    public const string LastNode = "lastNode";

    protected PlatformMetrics Metrics => metrics;

    protected abstract string Name { get; }

    protected abstract Task RunAsync(CancellationToken ct);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var succeeded = true;
        try
        {
            await RunAsync(cancellationToken);
            if (runs.Streak(Name).Succeeded() is > 0 and var lasted)
            {
                logger.LogInformation("The {Job} job runs again after {Failures} failed runs", Name, lasted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // This node is stopping: not a failure, and the next firing goes to a node that runs.
        }
        catch (Exception ex)
        {
            succeeded = false;
            if (runs.Streak(Name).Failed())
            {
                logger.LogError(ex, "The {Job} job failed; it runs again at its next firing", Name);
            }
        }
        var took = clock.Elapsed;
        metrics.JobRan(Name, succeeded, took);
        var node = context.Scheduler.SchedulerInstanceId;
        runs.Add(new JobRun(Name, context.FireInstanceId, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, started,
            DateTimeOffset.UtcNow, succeeded));
        // Stored with the job ([PersistJobDataAfterExecution]), so every node's page shows the last run wherever it was.
        var data = context.JobDetail.JobDataMap;
        data[LastOutcome] = succeeded ? "ok" : "failed";
        data[LastFinished] = DateTimeOffset.UtcNow.ToString("O");
        data[LastSeconds] = took.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        data[LastNode] = node;
    }
}

/// <summary>This node's recent job runs (for the administrator's page and the tests), and each job's failure streak.</summary>
public sealed class JobRuns
{
    private const int Kept = 200;
    private readonly ConcurrentQueue<JobRun> _recent = new();
    private readonly ConcurrentDictionary<string, FailureStreak> _streaks = new();

    public void Add(JobRun run)
    {
        _recent.Enqueue(run);
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<JobRun> Recent => [.. _recent.Reverse()];

    internal FailureStreak Streak(string job) => _streaks.GetOrAdd(job, _ => new FailureStreak(TimeSpan.FromMinutes(1)));
}
