namespace RecyclePlatform.Application.Notifications;

public enum NotificationKind
{
    BookingConfirmed,
    Rescheduled,
    Cancelled,
    Reminder,
    OnTheWay,
    Collected,
    NotCollected,
    AtHub,

    /// <summary>A dispatcher added the person as a courier: a link to choose their password (e-mail only).</summary>
    CourierInvitation,

    /// <summary>An administrator made the person staff of a charity or recycler (<see cref="Notification.PartnerId"/>): a link to choose their password (e-mail only).</summary>
    StaffInvitation,
}

/// <summary>
/// One message to a person, written to this outbox in the same transaction as the change it
/// reports, then e-mailed by the worker (and, about a pickup, shown in the app). A failed e-mail is
/// retried with back-off and never blocks or undoes the change.
/// </summary>
public sealed class Notification
{
    public const int MaxAttempts = 8;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public NotificationKind Kind { get; set; }
    /// <summary>The pickup it is about; null for an invitation.</summary>
    public Guid? PickupId { get; set; }

    /// <summary>The charity or recycler a staff invitation is for.</summary>
    public Guid? PartnerId { get; set; }

    /// <summary>The pickup reference and window as they were when it happened; the message never changes later.</summary>
    public string PickupReference { get; set; } = "";
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    public string TimeZone { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    public DateTimeOffset? EmailSentAt { get; set; }
    public int EmailAttempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}
