namespace RecyclePlatform.Application.Notifications;

public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>Sends e-mail (SMTP in production, a folder in development).</summary>
public interface IEmailSender
{
    /// <summary>Sends one e-mail; throws when it could not.</summary>
    Task SendAsync(EmailMessage message, CancellationToken ct);

    /// <summary>
    /// Sends several, each on its own (one failing does not stop the others): null where a message
    /// went, the exception where it did not. SMTP sends them all over one connection.
    /// </summary>
    async Task<IReadOnlyList<Exception?>> SendManyAsync(IReadOnlyList<EmailMessage> messages, CancellationToken ct)
    {
        var outcomes = new Exception?[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                await SendAsync(messages[i], ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcomes[i] = ex;
            }
        }
        return outcomes;
    }
}

public sealed record RenderedNotification(string Subject, string Body);

/// <summary>Words for a notification in a language; implemented where the translations live (Web).</summary>
public interface INotificationRenderer
{
    RenderedNotification Render(Notification notification, string culture);
}
