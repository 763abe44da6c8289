using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Infrastructure.Ledger;
using RecyclePlatform.Infrastructure.Notifications;

namespace RecyclePlatform.Infrastructure.BackgroundWork;

/// <summary>
/// Appends the outbox's custody facts to the public ledger. One firing is a round of up to
/// <see cref="Round"/>: append a batch, and when the outbox is drained wait the poll interval and look
/// again, so entries appear within the poll interval while the scheduler's own bookkeeping happens only
/// once a round. When the node running the round dies, another takes the next firing after the cluster
/// check-in notices (docs/scaling.md). The advisory lock in <see cref="LedgerSequencer"/> stays as a second guard.
/// </summary>
public sealed class LedgerSequencerJob(IServiceScopeFactory scopes, LedgerOptions options, LedgerHealth health, PlatformMetrics metrics,
    JobRuns runs, ILogger<LedgerSequencerJob> logger) : PlatformJob(runs, metrics, logger)
{
    public static readonly TimeSpan Round = TimeSpan.FromSeconds(20);

    protected override string Name => BackgroundJob.LedgerSequencer;

    protected override async Task RunAsync(CancellationToken ct)
    {
        var round = Stopwatch.StartNew();
        TimeSpan? measured = null;
        while (!ct.IsCancellationRequested && round.Elapsed < Round)
        {
            int appended;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var sequencer = scope.ServiceProvider.GetRequiredService<LedgerSequencer>();
                try
                {
                    appended = await sequencer.RunOnceAsync(ct);
                }
                catch (LedgerInconsistentException ex)
                {
                    // Nothing was appended or signed. An operator must look: readiness says why, one critical
                    // line says it when it starts (not every round), and the round ends.
                    if (health.Problem is null)
                    {
                        logger.LogCritical("THE LEDGER STOPPED: {Problem}", ex.Message);
                    }
                    health.Broken(ex.Message);
                    throw;
                }
                health.Running();
                // The metrics' three small queries once a second, not at every look (every 200 ms).
                if (measured is not { } last || round.Elapsed - last >= TimeSpan.FromSeconds(1))
                {
                    var (entries, pending, oldest) = await sequencer.BacklogAsync(ct);
                    Metrics.LedgerSeen(entries, pending, oldest is { } at ? DateTimeOffset.UtcNow - at : TimeSpan.Zero);
                    measured = round.Elapsed;
                }
            }
            if (appended < options.BatchSize)
            {
                await Task.Delay(options.PollInterval, ct);
            }
        }
    }
}

/// <summary>Submits the newest checkpoint to the configured witnesses (<see cref="LedgerWitnessing"/>).</summary>
public sealed class LedgerWitnessJob(LedgerWitnessing witnessing, PlatformMetrics metrics, JobRuns runs, ILogger<LedgerWitnessJob> logger)
    : PlatformJob(runs, metrics, logger)
{
    protected override string Name => BackgroundJob.LedgerWitness;

    protected override Task RunAsync(CancellationToken ct) => witnessing.RunOnceAsync(ct);
}

/// <summary>
/// The scheduled self-audit (<see cref="LedgerSelfAudit"/>): from where the last passed audit stopped,
/// and in full when the last full one is older than the full-audit interval (or failed).
/// </summary>
public sealed class LedgerAuditJob(LedgerSelfAudit audit, LedgerOptions options, PlatformMetrics metrics, JobRuns runs, ILogger<LedgerAuditJob> logger)
    : PlatformJob(runs, metrics, logger)
{
    protected override string Name => BackgroundJob.LedgerAudit;

    protected override Task RunAsync(CancellationToken ct) => audit.RunScheduledAsync(options.FullAuditInterval, ct);
}

/// <summary>
/// Queues due reminders, then e-mails what the outbox holds, batch after batch until it is empty, and
/// notes the backlog left. Each message is claimed before it is sent, as a second guard.
/// </summary>
public sealed class NotificationsJob(NotificationDispatcher dispatcher, PlatformMetrics metrics, JobRuns runs, ILogger<NotificationsJob> logger)
    : PlatformJob(runs, metrics, logger)
{
    public const int BatchSize = 100;

    protected override string Name => BackgroundJob.Notifications;

    protected override async Task RunAsync(CancellationToken ct)
    {
        await dispatcher.QueueRemindersAsync(ct);
        // A full batch means more are waiting: keep going instead of waiting for the next firing.
        while (await dispatcher.SendDueAsync(BatchSize, ct) == BatchSize && !ct.IsCancellationRequested)
        {
        }
        Metrics.NotificationBacklogSeen(await dispatcher.BacklogAsync(ct));
    }
}

/// <summary>Deletes messages and mail copies past their retention (hourly).</summary>
public sealed class NotificationRetentionJob(NotificationRetention retention, NotificationOptions options, PlatformMetrics metrics, JobRuns runs,
    ILogger<NotificationRetentionJob> logger) : PlatformJob(runs, metrics, logger)
{
    protected override string Name => BackgroundJob.NotificationRetention;

    protected override Task RunAsync(CancellationToken ct) => retention.PurgeAsync(options.Retention, ct);
}

/// <summary>
/// Ends the runs whose node stopped renewing their lease, then runs the queued optimisations one after
/// another (the solver uses one core). Asked for at once when a run is requested
/// (<see cref="IBackgroundJobs.RunSoonAsync"/>), and every poll interval besides.
/// </summary>
public sealed class DispatchRunsJob(IServiceScopeFactory scopes, PlatformMetrics metrics, JobRuns runs, ILogger<DispatchRunsJob> logger)
    : PlatformJob(runs, metrics, logger)
{
    protected override string Name => BackgroundJob.DispatchRuns;

    protected override async Task RunAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DispatchRunner>().InterruptAbandonedAsync(ct);
        }
        while (!ct.IsCancellationRequested)
        {
            // A fresh scope per run: each run's change tracker starts empty.
            await using var scope = scopes.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            if (!await scope.ServiceProvider.GetRequiredService<DispatchRunner>().RunNextQueuedAsync(ct))
            {
                return;
            }
            Metrics.DispatchRunTook(clock.Elapsed);
        }
    }
}
