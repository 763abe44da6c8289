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

/// <summary>What an invitation's words need besides the row: the set-password link and the partner's name.</summary>
public sealed record InvitationDetails(string Link, Domain.Common.LocalizedName? Partner);

/// <summary>Words for a notification in a language; implemented where the translations live (Web).</summary>
public interface INotificationRenderer
{
    RenderedNotification Render(Notification notification, string culture, InvitationDetails? invitation = null);
}

/// <summary>Links into the app's account pages, made where the pages are (Web).</summary>
public interface IAccountLinks
{
    /// <summary>An absolute one-day link to choose a password (it also confirms the address).</summary>
    Task<string> SetPasswordLinkAsync(Guid userId, CancellationToken ct);
}
