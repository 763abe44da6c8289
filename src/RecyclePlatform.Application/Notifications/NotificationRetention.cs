using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Notifications;

/// <summary>
/// Messages pair a person with pickup references and times: once they are done with (sent, or given
/// up on) and older than the retention period (Notifications:RetentionDays, 30 by default), they and
/// the mail folder's copies are deleted. An erased account's go at once (DeleteAccountHandler).
/// </summary>
public sealed class NotificationRetention(IAppDbContext db, IEmailArchive emails, TimeProvider time, ILogger<NotificationRetention> logger)
{
    public async Task<int> PurgeAsync(TimeSpan keep, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - keep;
        var messages = await db.Notifications
            .Where(n => n.CreatedAt < cutoff && (n.EmailSentAt != null || n.EmailAttempts >= Notification.MaxAttempts))
            .ExecuteDeleteAsync(ct);
        var copies = await emails.DeleteOlderThanAsync(cutoff, ct);
        if (messages + copies > 0)
        {
            logger.LogInformation("Retention: {Messages} messages and {Copies} mail copies older than {Cutoff} deleted", messages, copies, cutoff);
        }
        return messages + copies;
    }
}
