using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Infrastructure.BackgroundWork;

/// <summary>
/// Starts the scheduler once the database can be reached (a node starts, and serves its 503s, while
/// the database is away; Quartz's own hosted service would fail the start), puts the jobs' schedules
/// in place, and on stopping lets running jobs finish: their cancellation token is signalled, and a
/// stopping node's firing is taken by another.
/// </summary>
public sealed class SchedulerHost(ISchedulerFactory factory, IReadOnlyList<JobSchedule> schedules, ILogger<SchedulerHost> logger) : BackgroundService
{
    private IScheduler? _scheduler;

    /// <summary>The running scheduler, or null until it has started.</summary>
    public IScheduler? Scheduler => Volatile.Read(ref _scheduler);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var streak = new FailureStreak(TimeSpan.FromSeconds(30));
        while (!stoppingToken.IsCancellationRequested)
        {
            IScheduler? scheduler = null;
            try
            {
                scheduler = await factory.GetScheduler(stoppingToken);
                foreach (var schedule in schedules)
                {
                    await PutInPlaceAsync(scheduler, schedule, stoppingToken);
                }
                await scheduler.Start(stoppingToken);
                Volatile.Write(ref _scheduler, scheduler);
                if (streak.Succeeded() > 0)
                {
                    logger.LogInformation("The scheduler started after the database came back");
                }
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (streak.Failed())
                {
                    logger.LogError(ex, "The scheduler could not start (is the database reachable and migrated?); it retries with growing pauses");
                }
                if (scheduler is not null)
                {
                    await scheduler.Shutdown(false, CancellationToken.None);
                }
            }
            await Task.Delay(streak.Delay(TimeSpan.FromSeconds(1)), stoppingToken);
        }
    }

    /// <summary>
    /// Adds the job and its trigger, or replaces a trigger whose interval changed. An unchanged one is
    /// left alone: replacing it on every node's start would disturb a run in progress elsewhere.
    /// </summary>
    private static async Task PutInPlaceAsync(IScheduler scheduler, JobSchedule schedule, CancellationToken ct)
    {
        var key = new TriggerKey(schedule.Name);
        if (await scheduler.GetTrigger(key, ct) is ISimpleTrigger existing && existing.RepeatInterval == schedule.Every
            && existing.MeasureIntervalFromCompletion && await scheduler.Exists(new JobKey(schedule.Name), ct))
        {
            return;
        }
        var job = JobBuilder.Create()
            .OfType(schedule.JobType)
            .WithIdentity(schedule.Name)
            .StoreDurably()
            // One run at a time across the cluster, and the last run's outcome kept for every node's page.
            .DisallowConcurrentExecution()
            .PersistJobDataAfterExecution()
            // A node that dies mid-run: the node that notices runs the job again at once.
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .StartAt(DateTimeOffset.UtcNow + schedule.FirstAfter)
            // The interval counts from the end of a run, as a polling loop's pause would; firings missed
            // while no node was up are skipped, not run in a burst.
            .WithSimpleSchedule(s => s.WithInterval(schedule.Every).RepeatForever().MeasureIntervalFromCompletion(true)
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
    }

    /// <summary>
    /// Lets running jobs end (their token is signalled), but no longer than the host's shutdown timeout:
    /// with the database gone, Quartz would retry recording their completion for ever.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Scheduler is not { } scheduler)
        {
            return;
        }
        var shutdown = scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None).AsTask();
        if (await Task.WhenAny(shutdown, Task.Delay(Timeout.Infinite, cancellationToken)) != shutdown)
        {
            logger.LogWarning("The scheduler did not stop within the shutdown timeout (is the database reachable?); the node stops without it");
        }
    }
}
