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
/// Every node runs queued optimisations one after another (the solver uses one core; the other serves
/// requests), taking each from the database so that two nodes never run the same one. Between runs it
/// interrupts the runs whose node stopped renewing their lease. A run asked for on this node wakes it
/// at once; otherwise it looks every <see cref="DispatchOptions.PollSeconds"/> seconds.
/// </summary>
internal sealed class DispatchRunWorker(IServiceScopeFactory scopes, DispatchRunQueue queue, IOptions<DispatchOptions> options,
    ILogger<DispatchRunWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var streak = new FailureStreak(TimeSpan.FromMinutes(1));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<DispatchPlanner>().InterruptAbandonedAsync(stoppingToken);
                }
                bool ran;
                do
                {
                    // A fresh scope per run: each run's change tracker starts empty.
                    await using var scope = scopes.CreateAsyncScope();
                    ran = await scope.ServiceProvider.GetRequiredService<DispatchPlanner>().RunNextQueuedAsync(stoppingToken);
                }
                while (ran && !stoppingToken.IsCancellationRequested);
                if (streak.Succeeded() is > 0 and var lasted)
                {
                    logger.LogInformation("The dispatch worker runs again after {Failures} failed rounds", lasted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (streak.Failed())
                {
                    logger.LogError(ex, "The dispatch worker's round failed; it retries with growing pauses (at most 1 min)");
                }
            }
            await queue.WaitAsync(streak.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds)), stoppingToken);
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
            .Validate(o => o.MinSearchSeconds > 0 && o.MaxSearchSeconds >= o.MinSearchSeconds && o.PlacesPerCourierHour > 0 && o.PollSeconds is > 0 and <= 60,
                "Dispatch: MinSearchSeconds > 0, MaxSearchSeconds >= MinSearchSeconds, PlacesPerCourierHour > 0 and PollSeconds 0–60.")
            .ValidateOnStart();
        services.AddSingleton<IRouteOptimizer, OrToolsRouteOptimizer>();
        services.AddSingleton<ITravelTimes, GreatCircleTravelTimes>();
        services.AddSingleton<DispatchRunQueue>();
        services.AddHostedService<DispatchRunWorker>();
        return services;
    }
}
