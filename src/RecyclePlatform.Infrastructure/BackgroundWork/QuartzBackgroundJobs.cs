using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Infrastructure.Persistence;

namespace RecyclePlatform.Infrastructure.BackgroundWork;

internal sealed class QuartzBackgroundJobs(SchedulerHost host, IReadOnlyList<JobSchedule> schedules, DatabaseOptions database, JobRuns runs,
    ILogger<QuartzBackgroundJobs> logger) : IBackgroundJobs
{
    public async Task RunSoonAsync(string job, CancellationToken ct)
    {
        if (host.Scheduler is not { } scheduler)
        {
            return; // not started yet: the schedule takes the work when it does
        }
        try
        {
            await scheduler.TriggerJob(new JobKey(job), new JobDataMap(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not ask for a run of {Job} now; its schedule will take the work", job);
        }
    }

    /// <summary>Three round trips whatever the number of jobs: the triggers with their states, the jobs' data, the nodes.</summary>
    public async Task<BackgroundWorkState> StateAsync(CancellationToken ct)
    {
        var clustered = database.Provider == DatabaseProvider.Postgres;
        if (host.Scheduler is not { } scheduler)
        {
            return new BackgroundWorkState(clustered, "", false,
                [.. schedules.Select(s => new JobState(s.Name, s.Every, "None", null, null, null, null, null, null))], [], runs.Recent);
        }
        var triggers = (await scheduler.QueryTriggers(new TriggerQuery(), ct)).Items.ToDictionary(t => t.Key.Name);
        var details = (await scheduler.GetJobDetails([.. schedules.Select(s => new JobKey(s.Name))], ct)).ToDictionary(j => j.Key.Name);
        var jobs = schedules.Select(schedule =>
        {
            var trigger = triggers.GetValueOrDefault(schedule.Name);
            var data = details.GetValueOrDefault(schedule.Name)?.JobDataMap;
            string? Text(string key) => data is not null && data.TryGetValue(key, out var value) ? value?.ToString() : null;
            return new JobState(schedule.Name, schedule.Every, trigger?.State.ToString() ?? "None", trigger?.PreviousFireTimeUtc, trigger?.NextFireTimeUtc,
                Text(PlatformJob.LastOutcome),
                DateTimeOffset.TryParse(Text(PlatformJob.LastFinished), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var finished) ? finished : null,
                double.TryParse(Text(PlatformJob.LastSeconds), CultureInfo.InvariantCulture, out var seconds) ? seconds : null,
                Text(PlatformJob.LastNode));
        }).ToList();
        // Quartz's own view of the cluster (its check-in table); a single node without a cluster lists none.
        IReadOnlyList<SchedulerNodeState> nodes = clustered
            ? [.. (await scheduler.QueryClusterNodes(ct)).Select(n => new SchedulerNodeState(n.InstanceId, n.LastCheckInUtc, n.CheckInInterval))]
            : [];
        return new BackgroundWorkState(clustered, scheduler.SchedulerInstanceId, scheduler.Status == SchedulerStatus.Running, jobs, nodes, runs.Recent);
    }
}
