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
}

/// <summary>
/// One message to a donor, written to this outbox in the same transaction as the change it
/// reports, then shown in the app and e-mailed by the worker. A failed e-mail is retried with
/// back-off and never blocks or undoes the change.
/// </summary>
public sealed class Notification
{
    public const int MaxAttempts = 8;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public Guid PickupId { get; set; }

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
