using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Impact;

namespace RecyclePlatform.Infrastructure.BackgroundWork;

/// <summary>
/// Keeps this node's <see cref="ImpactTally"/> at the latest signed checkpoint. Every node runs it (not
/// the clustered scheduler): each serves its pages from its own memory, folded from the shared log.
/// </summary>
public sealed class ImpactTallyWorker(IServiceScopeFactory scopes, ImpactTally tally, ILogger<ImpactTallyWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var folded = await tally.CatchUpAsync(scope.ServiceProvider.GetRequiredService<IAppDbContext>(), stoppingToken);
                if (folded > ImpactTally.BatchSize)
                {
                    logger.LogInformation("Impact totals: folded {Entries} ledger entries in {Elapsed}", folded, System.Diagnostics.Stopwatch.GetElapsedTime(started));
                }
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is away (a restart): pages keep the last totals and say at which checkpoint.
                if (!failing)
                {
                    logger.LogWarning(ex, "Impact totals could not catch up with the ledger; retrying");
                }
                failing = true;
            }
            try
            {
                await Task.Delay(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
