using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Infrastructure.BackgroundWork;

internal sealed class QuartzBackgroundJobs(SchedulerHost host, IReadOnlyList<JobSchedule> schedules, SchedulerSettings settings, JobRuns runs,
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

    public async Task<BackgroundWorkState> StateAsync(CancellationToken ct)
    {
        var scheduler = host.Scheduler;
        var jobs = new List<JobState>();
        foreach (var schedule in schedules)
        {
            if (scheduler is null)
            {
                jobs.Add(new JobState(schedule.Name, schedule.Every, "None", null, null, null, null, null, null));
                continue;
            }
            var trigger = await scheduler.GetTrigger(new TriggerKey(schedule.Name), ct);
            var state = trigger is null ? "None" : (await scheduler.GetTriggerState(trigger.Key, ct)).ToString();
            var data = (await scheduler.GetJobDetail(new JobKey(schedule.Name), ct))?.JobDataMap;
            string? Text(string key) => data is not null && data.TryGetValue(key, out var value) ? value?.ToString() : null;
            jobs.Add(new JobState(schedule.Name, schedule.Every, state, trigger?.PreviousFireTimeUtc, trigger?.NextFireTimeUtc,
                Text(PlatformJob.LastOutcome),
                DateTimeOffset.TryParse(Text(PlatformJob.LastFinished), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var finished) ? finished : null,
                double.TryParse(Text(PlatformJob.LastSeconds), CultureInfo.InvariantCulture, out var seconds) ? seconds : null,
                Text(PlatformJob.LastNode)));
        }
        return new BackgroundWorkState(settings.Clustered, scheduler?.SchedulerInstanceId ?? "", scheduler?.Status == SchedulerStatus.Running,
            jobs, settings.Clustered ? await NodesAsync(ct) : [], runs.Recent);
    }

    /// <summary>The cluster's members as Quartz records them (each checks in every few seconds).</summary>
    private async Task<IReadOnlyList<SchedulerNodeState>> NodesAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state WHERE sched_name = $1 ORDER BY instance_name",
            connection);
        command.Parameters.AddWithValue(BackgroundWorkSetup.SchedulerName);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var nodes = new List<SchedulerNodeState>();
        while (await reader.ReadAsync(ct))
        {
            // Quartz.NET stores times and intervals as .NET ticks (UTC).
            nodes.Add(new SchedulerNodeState(reader.GetString(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                TimeSpan.FromTicks(reader.GetInt64(2))));
        }
        return nodes;
    }
}
