using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Infrastructure.Notifications;
using RecyclePlatform.Infrastructure.Persistence;

namespace RecyclePlatform.Infrastructure.BackgroundWork;

/// <summary>A job and how often it fires (first after <paramref name="FirstAfter"/>).</summary>
public sealed record JobSchedule(string Name, Type JobType, TimeSpan Every, TimeSpan FirstAfter);

/// <summary>
/// Background work on Quartz.NET (docs/adr/0011-clustered-background-work-on-quartz.md). On PostgreSQL
/// the schedule lives in the database (the qrtz_* tables) and the nodes form a Quartz cluster: each
/// firing runs on one node, and a dead node's work is taken over when it stops checking in. SQLite
/// serves one node, whose schedule is kept in memory.
/// </summary>
public static class BackgroundWorkSetup
{
    public const string SchedulerName = "RecyclePlatform";
    public const string CheckinKey = "Scheduler:CheckinSeconds";

    public static IServiceCollection AddBackgroundWork(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var checkin = TimeSpan.FromSeconds(configuration.GetValue(CheckinKey, 5.0));
        if (checkin < TimeSpan.FromMilliseconds(500) || checkin > TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"{CheckinKey} must be 0.5–60 seconds.");
        }
        var clustered = database.Provider == DatabaseProvider.Postgres;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                // A stopping node tells its running jobs (their token), then waits for them to end.
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
                if (clustered)
                {
                    s.GenerateInstanceId = true; // host name and start time: unique per node
                }
            });
            // One thread per job at most: every job is one-at-a-time, and the solver's core is spoken for.
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = 6);
            if (clustered)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(database.ConnectionString);
                    store.ConfigureStore(o =>
                    {
                        // Job data holds strings only (the last run's outcome): readable in the table.
                        o.StoreJobDataAsStrings = true;
                        // The cluster manager and misfire handler must not keep a stopping process alive: with
                        // the database gone they would retry for ever (a node that ignored SIGTERM was seen so).
                        o.UseBackgroundThreads = true;
                    });
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = checkin;
                        c.CheckinMisfireThreshold = checkin;
                    });
                });
            }
            else
            {
                q.UseInMemoryStore();
            }
        });

        // The jobs need no registration: Quartz builds each firing's job in a scope of its own (ActivatorUtilities).
        services.AddSingleton<IReadOnlyList<JobSchedule>>(sp => Schedules(sp.GetRequiredService<LedgerOptions>(), sp.GetRequiredService<WitnessOptions>(),
            sp.GetRequiredService<NotificationOptions>(), sp.GetRequiredService<IOptions<DispatchOptions>>().Value));
        services.AddSingleton<JobRuns>();
        services.AddSingleton<SchedulerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerHost>());
        services.AddSingleton<IBackgroundJobs, QuartzBackgroundJobs>();
        services.AddHostedService<ImpactTallyWorker>();
        return services;
    }

    /// <summary>What this node schedules; a job switched off here (e.g. Ledger:SequencerEnabled=false) is not scheduled by it.</summary>
    private static List<JobSchedule> Schedules(LedgerOptions ledger, WitnessOptions witnesses, NotificationOptions notifications, DispatchOptions dispatch)
    {
        List<JobSchedule> schedules =
        [
            new(BackgroundJob.DispatchRuns, typeof(DispatchRunsJob), TimeSpan.FromSeconds(dispatch.PollSeconds), TimeSpan.Zero),
        ];
        if (ledger.SequencerEnabled)
        {
            // A round lasts up to LedgerSequencerJob.Round; the next starts a second after one ends.
            schedules.Add(new(BackgroundJob.LedgerSequencer, typeof(LedgerSequencerJob), TimeSpan.FromSeconds(1), TimeSpan.Zero));
            if (witnesses.Witnesses.Count > 0)
            {
                schedules.Add(new(BackgroundJob.LedgerWitness, typeof(LedgerWitnessJob), witnesses.Poll, TimeSpan.Zero));
            }
        }
        if (ledger.AuditEnabled)
        {
            schedules.Add(new(BackgroundJob.LedgerAudit, typeof(LedgerAuditJob), ledger.AuditInterval, TimeSpan.FromSeconds(30)));
        }
        if (notifications.WorkerEnabled)
        {
            schedules.Add(new(BackgroundJob.Notifications, typeof(NotificationsJob), notifications.PollInterval, TimeSpan.Zero));
            schedules.Add(new(BackgroundJob.NotificationRetention, typeof(NotificationRetentionJob), TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)));
        }
        return schedules;
    }
}
