using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        using var timer = new PeriodicTimer(options.PollInterval);
        var nextPurge = DateTimeOffset.MinValue;
        do
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
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The notification round failed; it runs again in {Interval}", options.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
