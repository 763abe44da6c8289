namespace RecyclePlatform.Application.Notifications;

public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>Sends one e-mail (SMTP in production, a folder in development). Throws when it could not.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

public sealed record RenderedNotification(string Subject, string Body);

/// <summary>Words for a notification in a language; implemented where the translations live (Web).</summary>
public interface INotificationRenderer
{
    RenderedNotification Render(Notification notification, string culture);
}
