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
    IAppDbContext db, IEmailSender email, INotificationRenderer renderer, Accounts.IIdentityService accounts, IAccountLinks links,
    TimeProvider time, ILogger<NotificationDispatcher> logger)
{
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due messages in one statement (the claim stamp tells
    /// which ones this node won), reads their recipients in one query, sends them together, and
    /// records all successes in one statement: a handful of round trips per batch, not per message.
    /// </summary>
    /// <returns>How many messages this node claimed (sent or failed); the caller goes on while batches come back full.</returns>
    public async Task<int> SendDueAsync(int batchSize, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ids = await db.Notifications.AsNoTracking()
            .Where(n => n.EmailSentAt == null && n.EmailAttempts < Notification.MaxAttempts && n.NextAttemptAt <= now)
            .OrderBy(n => n.NextAttemptAt)
            .Take(batchSize)
            .Select(n => n.Id)
            .ToListAsync(ct);
        if (ids.Count == 0)
        {
            return 0;
        }
        // A stamp unique to this claim: rows another node claimed meanwhile keep theirs and are skipped.
        // Whole microseconds: PostgreSQL keeps no finer time, and the stamp must read back equal.
        var claim = now + ClaimFor + TimeSpan.FromMicroseconds(Random.Shared.Next(1, 1_000_000));
        claim = claim.AddTicks(-(claim.UtcTicks % 10));
        await db.Notifications
            .Where(n => ids.Contains(n.Id) && n.EmailSentAt == null && n.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, claim), ct);
        var claimed = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id) && n.NextAttemptAt == claim).ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return 0;
        }
        var userIds = claimed.Select(n => n.UserId).Distinct().ToList();
        var recipients = await accounts.ContactsAsync(userIds, ct);
        var partnerIds = claimed.Where(n => n.PartnerId is not null).Select(n => n.PartnerId!.Value).Distinct().ToList();
        var partners = partnerIds.Count == 0 ? [] : await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);

        var sendable = new List<(Notification Notification, EmailMessage Message)>();
        var failed = new List<(Notification Notification, string Error)>();
        foreach (var notification in claimed)
        {
            if (recipients.GetValueOrDefault(notification.UserId) is not { Email: { Length: > 0 } address } recipient)
            {
                failed.Add((notification, "The recipient has no e-mail address."));
                continue;
            }
            var text = renderer.Render(notification, recipient.Culture ?? "en", await InvitationAsync(notification, partners, ct));
            sendable.Add((notification, new EmailMessage(address, text.Subject, text.Body)));
        }
        var outcomes = sendable.Count == 0 ? [] : await email.SendManyAsync([.. sendable.Select(s => s.Message)], ct);
        var sent = new List<Guid>();
        for (var i = 0; i < sendable.Count; i++)
        {
            if (outcomes[i] is { } error)
            {
                failed.Add((sendable[i].Notification, error.Message));
            }
            else
            {
                sent.Add(sendable[i].Notification.Id);
            }
        }
        if (sent.Count > 0)
        {
            var sentAt = time.GetUtcNow();
            await db.Notifications.Where(n => sent.Contains(n.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.EmailSentAt, sentAt)
                .SetProperty(n => n.EmailAttempts, n => n.EmailAttempts + 1)
                .SetProperty(n => n.LastError, (string?)null), ct);
            logger.LogInformation("{Count} notifications e-mailed", sent.Count);
        }
        foreach (var (notification, message) in failed)
        {
            var attempts = notification.EmailAttempts + 1;
            // 1, 2, 4 ... minutes, at most a day apart.
            var backoff = TimeSpan.FromMinutes(Math.Min(Math.Pow(2, attempts - 1), 24 * 60));
            var error = message.Length > 500 ? message[..500] : message;
            await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.EmailAttempts, attempts)
                .SetProperty(n => n.NextAttemptAt, time.GetUtcNow() + backoff)
                .SetProperty(n => n.LastError, error), ct);
            logger.LogWarning("Notification {NotificationId} not e-mailed (attempt {Attempt}): {Error}", notification.Id, attempts, error);
        }
        return claimed.Count;
    }

    /// <summary>An invitation's link (a fresh token for each e-mail) and its partner's name, read once per batch.</summary>
    private async Task<InvitationDetails?> InvitationAsync(Notification notification, Dictionary<Guid, Domain.Common.LocalizedName> partners,
        CancellationToken ct) =>
        notification.Kind is not (NotificationKind.CourierInvitation or NotificationKind.StaffInvitation) ? null
            : new InvitationDetails(await links.SetPasswordLinkAsync(notification.UserId, ct),
                notification.PartnerId is { } partnerId ? partners.GetValueOrDefault(partnerId) : null);

    /// <summary>Messages still to be e-mailed (due now or waiting for a retry): the backlog an operator watches.</summary>
    public Task<int> BacklogAsync(CancellationToken ct) =>
        db.Notifications.CountAsync(n => n.EmailSentAt == null && n.EmailAttempts < Notification.MaxAttempts, ct);

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
                        && PickupStatuses.Pending.Contains(p.Status)
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
