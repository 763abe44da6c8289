using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using RecyclePlatform.Application.Notifications;

namespace RecyclePlatform.Infrastructure.Notifications;

/// <summary>Where e-mail goes: an SMTP server when Notifications:Smtp:Host is set, otherwise a folder.</summary>
public sealed record NotificationOptions(string? SmtpHost, int SmtpPort, string? SmtpUser, string? SmtpPassword, bool SmtpStartTls,
    string From, string Folder, TimeSpan PollInterval, bool WorkerEnabled, TimeSpan Retention);

/// <summary>Production: sends through SMTP with MailKit, a batch over one connection (connecting is the slow part).</summary>
internal sealed class SmtpEmailSender(NotificationOptions options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        if ((await SendManyAsync([message], ct))[0] is { } error)
        {
            throw error;
        }
    }

    public async Task<IReadOnlyList<Exception?>> SendManyAsync(IReadOnlyList<EmailMessage> messages, CancellationToken ct)
    {
        var outcomes = new Exception?[messages.Count];
        using var client = new SmtpClient();
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await ConnectAsync(client, ct); // first, or again after the server dropped us
                }
                await client.SendAsync(Mime(options.From, messages[i]), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcomes[i] = ex;
            }
        }
        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        return outcomes;
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken ct)
    {
        await client.ConnectAsync(options.SmtpHost!, options.SmtpPort,
            options.SmtpStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, ct);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", ct);
        }
    }

    internal static MimeMessage Mime(string from, EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };
        return mime;
    }
}

/// <summary>Development: writes each e-mail as a .eml file that any mail program opens, and logs it.</summary>
internal sealed class FolderEmailSender(NotificationOptions options, TimeProvider time, ILogger<FolderEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(options.Folder);
        var mime = SmtpEmailSender.Mime(options.From, message);
        var name = $"{time.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(options.Folder, name);
        // Written under another name, then renamed: a mail program, the tests or the erasure sweep
        // never read half an e-mail (a half-written copy would be skipped by erasure and survive it).
        var partial = path + ".partial";
        await using (var file = File.Create(partial))
        {
            await mime.WriteToAsync(file, ct);
        }
        File.Move(partial, path);
        // Not the subject or the address: they name the person and their pickup.
        logger.LogInformation("E-mail written to {Path}", path);
    }
}

/// <summary>The .eml copies in the mail folder: deleted by recipient (account erasure) or by age (retention).</summary>
internal sealed class MailFolderArchive(NotificationOptions options, ILogger<MailFolderArchive> logger) : IEmailArchive
{
    public async Task<int> DeleteForRecipientAsync(string address, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var path in Copies())
        {
            try
            {
                var message = await MimeMessage.LoadAsync(path, ct);
                if (message.To.Mailboxes.Concat(message.Cc.Mailboxes)
                    .Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                {
                    File.Delete(path);
                    deleted++;
                }
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
            {
                logger.LogWarning("Mail copy {Path} could not be read or deleted: {Error}", path, ex.Message);
            }
        }
        return deleted;
    }

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var deleted = 0;
        // "*.eml*" also sweeps a ".partial" left by a crash mid-write.
        foreach (var path in Copies("*.eml*").Where(p => File.GetLastWriteTimeUtc(p) < cutoff.UtcDateTime))
        {
            File.Delete(path);
            deleted++;
        }
        return Task.FromResult(deleted);
    }

    private List<string> Copies(string pattern = "*.eml") =>
        Directory.Exists(options.Folder) ? Directory.EnumerateFiles(options.Folder, pattern).ToList() : [];
}
