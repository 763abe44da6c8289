using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RecyclePlatform.Application.Ledger;

namespace RecyclePlatform.Infrastructure.Ledger;

/// <summary>
/// Runs the sequencer on every node; the advisory lock lets one of them append at a time. A full
/// batch is followed at once by the next, otherwise it waits for the poll interval.
/// </summary>
internal sealed class LedgerSequencerWorker(IServiceScopeFactory scopes, LedgerOptions options, LedgerHealth health,
    ILogger<LedgerSequencerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var streak = new FailureStreak(TimeSpan.FromSeconds(30));
        while (!stoppingToken.IsCancellationRequested)
        {
            var appended = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                appended = await scope.ServiceProvider.GetRequiredService<LedgerSequencer>().RunOnceAsync(stoppingToken);
                health.Running();
                if (streak.Succeeded() is > 0 and var lasted)
                {
                    logger.LogInformation("The ledger sequencer runs again after {Failures} failed rounds", lasted);
                }
            }
            catch (LedgerInconsistentException ex)
            {
                // Nothing was appended or signed. An operator must look: one critical line, then rounds further apart.
                health.Broken(ex.Message);
                if (streak.Failed())
                {
                    logger.LogCritical("THE LEDGER STOPPED: {Problem}", ex.Message);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One line with the exception per outage, then quiet rounds further and further apart.
                if (streak.Failed())
                {
                    logger.LogError(ex, "The ledger sequencer round failed; it retries with growing pauses (at most 30 s)");
                }
            }
            if (appended < options.BatchSize)
            {
                await Task.Delay(streak.Delay(options.PollInterval), stoppingToken);
            }
        }
    }
}

/// <summary>Submits checkpoints to the configured witnesses (<see cref="LedgerWitnessing"/>) every poll interval.</summary>
internal sealed class LedgerWitnessWorker(IServiceScopeFactory scopes, WitnessOptions options, ILogger<LedgerWitnessWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Witnesses.Count == 0)
        {
            return;
        }
        var streak = new FailureStreak(TimeSpan.FromMinutes(1));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<LedgerWitnessing>().RunOnceAsync(stoppingToken);
                streak.Succeeded();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (streak.Failed())
                {
                    logger.LogError(ex, "Submitting the ledger's checkpoint to its witnesses failed; it retries with growing pauses");
                }
            }
            await Task.Delay(streak.Delay(options.Poll), stoppingToken);
        }
    }
}

/// <summary>
/// The scheduled self-audit (<see cref="LedgerSelfAudit"/>): shortly after start, then every audit
/// interval from where the last passed audit stopped, and in full when the last full one is older than
/// the full-audit interval (or failed).
/// </summary>
internal sealed class LedgerAuditWorker(IServiceScopeFactory scopes, LedgerOptions options, ILogger<LedgerAuditWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
        using var timer = new PeriodicTimer(options.AuditInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<LedgerSelfAudit>().RunScheduledAsync(options.FullAuditInterval, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The ledger self-audit could not run; it tries again in {Interval}", options.AuditInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Readiness: degraded, with the reason, while the sequencer refuses to go on (<see cref="LedgerHealth"/>).</summary>
internal sealed class LedgerHealthCheck(LedgerHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.Problem is { } problem ? HealthCheckResult.Degraded("ledger: " + problem) : HealthCheckResult.Healthy());
}
