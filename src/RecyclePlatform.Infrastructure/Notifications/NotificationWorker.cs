using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;

namespace RecyclePlatform.Infrastructure.Notifications;

/// <summary>
/// Every few seconds: queue due reminders, then e-mail what the outbox holds, batch after batch
/// until it is empty, and note the backlog left (<see cref="NotificationMetrics"/>); once an hour,
/// delete messages and mail copies past their retention. Safe on several
/// nodes at once (each message is claimed before it is sent). A failure is logged and retried
/// on the next round; it never stops the app.
/// </summary>
internal sealed class NotificationWorker(IServiceScopeFactory scopes, NotificationOptions options, NotificationMetrics metrics,
    ILogger<NotificationWorker> logger) : BackgroundService
{
    public const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var streak = new FailureStreak(TimeSpan.FromMinutes(2));
        var nextPurge = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var dispatcher = scope.ServiceProvider.GetRequiredService<NotificationDispatcher>();
                await dispatcher.QueueRemindersAsync(stoppingToken);
                // A full batch means more are waiting: keep going instead of sleeping until the next poll.
                while (await dispatcher.SendDueAsync(BatchSize, stoppingToken) == BatchSize && !stoppingToken.IsCancellationRequested)
                {
                }
                metrics.Backlog = await dispatcher.BacklogAsync(stoppingToken);
                if (DateTimeOffset.UtcNow >= nextPurge)
                {
                    await scope.ServiceProvider.GetRequiredService<NotificationRetention>().PurgeAsync(options.Retention, stoppingToken);
                    nextPurge = DateTimeOffset.UtcNow.AddHours(1);
                }
                if (streak.Succeeded() is > 0 and var lasted)
                {
                    logger.LogInformation("The notification worker runs again after {Failures} failed rounds", lasted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (streak.Failed())
                {
                    logger.LogError(ex, "The notification round failed; it retries with growing pauses (at most 2 min)");
                }
            }
            await Task.Delay(streak.Delay(options.PollInterval), stoppingToken);
        }
    }
}

/// <summary>
/// The e-mail backlog as a metric (meter "RecyclePlatform", gauge "recycleplatform.notifications.backlog"):
/// messages not yet e-mailed, as this node's worker last counted them. Any OpenTelemetry or
/// dotnet-counters listener reads it; the administrator's overview shows it too.
/// </summary>
public sealed class NotificationMetrics : IDisposable
{
    private readonly System.Diagnostics.Metrics.Meter _meter = new("RecyclePlatform");
    private long _backlog = -1;

    public NotificationMetrics() =>
        _meter.CreateObservableGauge("recycleplatform.notifications.backlog", () => Math.Max(Backlog, 0), unit: "{message}",
            description: "Notifications waiting to be e-mailed (due now or waiting for a retry).");

    /// <summary>The last count, or -1 before the worker's first round.</summary>
    public long Backlog
    {
        get => Interlocked.Read(ref _backlog);
        set => Interlocked.Exchange(ref _backlog, value);
    }

    public void Dispose() => _meter.Dispose();
}
