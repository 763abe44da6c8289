using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Domain.Dispatch;

namespace RecyclePlatform.Infrastructure.Dispatch;

/// <summary>
/// Runs this node's queued optimisations one after another (the solver uses one core; the other serves
/// requests). Runs left active by a node that stopped are marked failed once they are clearly stale.
/// </summary>
internal sealed class DispatchRunWorker(IServiceScopeFactory scopes, DispatchRunQueue queue, IOptions<DispatchOptions> options,
    TimeProvider time, ILogger<DispatchRunWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await FailStaleRunsAsync(stoppingToken);
        await foreach (var runId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DispatchPlanner>().RunAsync(runId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Dispatch run {RunId} could not run", runId);
            }
        }
    }

    private async Task FailStaleRunsAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            var staleBefore = time.GetUtcNow() - TimeSpan.FromSeconds((options.Value.MaxSearchSeconds * 4) + 120);
            var stale = await db.DispatchRuns
                .Where(r => (r.Status == DispatchRunStatus.Queued || r.Status == DispatchRunStatus.Running) && r.RequestedAt < staleBefore)
                .ToListAsync(ct);
            foreach (var run in stale)
            {
                run.Fail("dispatch.interrupted", time.GetUtcNow());
            }
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not clear stale dispatch runs");
        }
    }
}

public static class DispatchSetup
{
    public static IServiceCollection AddDispatch(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.Section))
            .Validate(o => o.DetourFactor >= 1 && o.DetourFactor <= 5 && o.SpeedKmh > 0 && o.SpeedKmh <= 150
                && o.Cities.Values.All(c => c.DetourFactor is null or (>= 1 and <= 5) && c.SpeedKmh is null or (> 0 and <= 150)),
                "Dispatch: DetourFactor must be 1–5 and SpeedKmh 0–150 (also per city).")
            .Validate(o => o.MinSearchSeconds > 0 && o.MaxSearchSeconds >= o.MinSearchSeconds && o.PlacesPerCourierHour > 0,
                "Dispatch: MinSearchSeconds > 0, MaxSearchSeconds >= MinSearchSeconds and PlacesPerCourierHour > 0.")
            .ValidateOnStart();
        services.AddSingleton<IRouteOptimizer, OrToolsRouteOptimizer>();
        services.AddSingleton<ITravelTimes, GreatCircleTravelTimes>();
        services.AddSingleton<DispatchRunQueue>();
        services.AddHostedService<DispatchRunWorker>();
        return services;
    }
}
