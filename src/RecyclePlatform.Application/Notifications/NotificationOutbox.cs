using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Notifications;

/// <summary>Adds a notification to the unit of work of the change it reports (saved by the caller's SaveChanges).</summary>
public sealed class NotificationOutbox(IAppDbContext db)
{
    public void Add(NotificationKind kind, Pickup pickup, string timeZone, DateTimeOffset now)
    {
        if (For(kind, pickup, timeZone, now) is { } notification)
        {
            db.Notifications.Add(notification);
        }
    }

    /// <summary>
    /// An invitation to choose a password, for a new courier or partner staff member. The link (a one-day token)
    /// is made when the e-mail is sent, so no credential waits in the outbox.
    /// </summary>
    public void AddInvitation(NotificationKind kind, Guid userId, Guid? partnerId, DateTimeOffset now) =>
        db.Notifications.Add(new Notification { UserId = userId, Kind = kind, PartnerId = partnerId, CreatedAt = now, NextAttemptAt = now });

    /// <summary>The notification for the pickup's donor, or null when it has none (a community drive's pickup).</summary>
    public static Notification? For(NotificationKind kind, Pickup pickup, string timeZone, DateTimeOffset now) =>
        pickup.ConsumerId is not { } userId ? null : new Notification
        {
            UserId = userId,
            Kind = kind,
            PickupId = pickup.Id,
            PickupReference = Domain.Pickups.PickupReference.Format(pickup.Reference),
            WindowStart = pickup.WindowStart,
            WindowEnd = pickup.WindowEnd,
            TimeZone = timeZone,
            CreatedAt = now,
            NextAttemptAt = now,
        };
}
