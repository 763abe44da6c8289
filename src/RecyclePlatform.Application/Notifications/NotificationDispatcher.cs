using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Notifications;

/// <summary>
/// Drains the outbox: claims each due message (so two web nodes never send the same one at
/// once), e-mails it, and records the outcome. At-least-once: a node that dies between sending
/// and recording sends again after the claim expires.
/// </summary>
public sealed class NotificationDispatcher(
    IAppDbContext db, IEmailSender email, INotificationRenderer renderer, TimeProvider time,
    ILogger<NotificationDispatcher> logger)
{
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <returns>How many e-mails were sent.</returns>
    public async Task<int> SendDueAsync(int batchSize, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.EmailSentAt == null && n.EmailAttempts < Notification.MaxAttempts && n.NextAttemptAt <= now)
            .OrderBy(n => n.NextAttemptAt)
            .Take(batchSize)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var notification in due)
        {
            var claimed = await db.Notifications
                .Where(n => n.Id == notification.Id && n.NextAttemptAt == notification.NextAttemptAt && n.EmailSentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, now + ClaimFor), ct);
            if (claimed == 0)
            {
                continue; // another node has it
            }
            var recipient = await db.Users.Where(u => u.Id == notification.UserId).Select(u => new { u.Email, u.Culture }).SingleOrDefaultAsync(ct);
            try
            {
                if (string.IsNullOrEmpty(recipient?.Email))
                {
                    throw new InvalidOperationException("The recipient has no e-mail address.");
                }
                var text = renderer.Render(notification, recipient.Culture ?? "en");
                await email.SendAsync(new EmailMessage(recipient.Email, text.Subject, text.Body), ct);
                await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.EmailSentAt, time.GetUtcNow())
                    .SetProperty(n => n.EmailAttempts, n => n.EmailAttempts + 1)
                    .SetProperty(n => n.LastError, (string?)null), ct);
                sent++;
                logger.LogInformation("Notification {NotificationId} ({Kind}) e-mailed", notification.Id, notification.Kind);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var attempts = notification.EmailAttempts + 1;
                // 1, 2, 4 ... minutes, at most a day apart.
                var backoff = TimeSpan.FromMinutes(Math.Min(Math.Pow(2, attempts - 1), 24 * 60));
                var error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.EmailAttempts, attempts)
                    .SetProperty(n => n.NextAttemptAt, time.GetUtcNow() + backoff)
                    .SetProperty(n => n.LastError, error), ct);
                logger.LogWarning("Notification {NotificationId} not e-mailed (attempt {Attempt}): {Error}", notification.Id, attempts, error);
            }
        }
        return sent;
    }

    /// <summary>
    /// Queues the day-before reminder for pickups starting in the next 20 to 28 hours, once each.
    /// The mark is set with a conditional UPDATE, which lets only one node queue a reminder and leaves
    /// the pickup's version alone, so a courier's open page does not see a false conflict.
    /// </summary>
    public async Task<int> QueueRemindersAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var from = now.AddHours(20);
        var to = now.AddHours(28);
        var due = await db.Pickups.AsNoTracking()
            .Where(p => p.ReminderQueuedAt == null && p.ConsumerId != null
                        && (p.Status == PickupStatus.Booked || p.Status == PickupStatus.Assigned)
                        && p.WindowStart >= from && p.WindowStart < to)
            .Take(500)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var zones = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.TimeZoneId, ct);
        var outbox = new NotificationOutbox(db);
        var queued = 0;
        foreach (var pickup in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var marked = await db.Pickups.Where(p => p.Id == pickup.Id && p.ReminderQueuedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReminderQueuedAt, now), ct);
            if (marked == 0)
            {
                continue; // another node queued it
            }
            outbox.Add(NotificationKind.Reminder, pickup, zones[pickup.CityId], now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            queued++;
        }
        return queued;
    }
}
