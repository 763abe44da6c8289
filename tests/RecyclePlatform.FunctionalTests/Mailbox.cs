using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace RecyclePlatform.FunctionalTests;

/// <summary>The e-mails the app wrote to its development mail folder, as their readers would open them.</summary>
internal static partial class Mailbox
{
    /// <summary>The text of the newest e-mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>, waiting up to 20 s for it.</summary>
    public static async Task<string> WaitForAsync(RecycleWebFactory app, string to, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var found = Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))
                            && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal))
                .OrderByDescending(m => m.Date).FirstOrDefault();
            if (found is not null)
            {
                return found.TextBody ?? "";
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No e-mail to {to} with '{subject}' within 20 s.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The first link in an e-mail to the given path, made relative to the app.</summary>
    public static string LinkTo(string text, string path)
    {
        var link = Links().Matches(text).Select(m => new Uri(m.Value)).First(u => u.AbsolutePath == path);
        return link.PathAndQuery;
    }

    /// <summary>Signs up through the API and follows the confirmation e-mail, as a new donor would.</summary>
    public static async Task RegisterConfirmedAsync(RecycleWebFactory app, string email, string password)
    {
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password })).EnsureSuccessStatusCode();
        await ConfirmAsync(app, email);
    }

    /// <summary>Confirms an address with the link from its confirmation e-mail (through the API's confirmEmail, same id and code).</summary>
    public static async Task ConfirmAsync(RecycleWebFactory app, string email)
    {
        var link = LinkTo(await WaitForAsync(app, email, "Confirm"), "/Account/ConfirmEmail");
        (await app.CreateClient().GetAsync("/api/v1/auth/confirmEmail" + new Uri("http://localhost" + link).Query)).EnsureSuccessStatusCode();
    }

    [GeneratedRegex(@"https?://[^\s]+")]
    private static partial Regex Links();
}
