using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;

namespace RecyclePlatform.Infrastructure.Notifications;

/// <summary>
/// Every few seconds: queue due reminders, then e-mail what the outbox holds; once an hour,
/// delete messages and mail copies past their retention. Safe on several
/// nodes at once (each message is claimed before it is sent). A failure is logged and retried
/// on the next round; it never stops the app.
/// </summary>
internal sealed class NotificationWorker(IServiceScopeFactory scopes, NotificationOptions options, ILogger<NotificationWorker> logger)
    : BackgroundService
{
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
                await dispatcher.SendDueAsync(50, stoppingToken);
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
