using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// The e-mails of signing up and of a forgotten password, for the pages and for Identity's API
/// endpoints alike. They are queued and sent by <see cref="AccountEmailWorker"/>, so a request takes
/// as long whether or not an address has an account: neither the reply nor its timing tells.
/// A message lost with a stopping node is simply asked for again by its reader. A singleton, because
/// Identity's endpoints take their e-mail sender once at start-up; the request's services make the tokens.
/// </summary>
public sealed class AccountEmails(
    AccountEmailQueue queue, LinkGenerator links, IHttpContextAccessor http, IStringLocalizer<SharedResource> localizer)
    : IEmailSender<ApplicationUser>
{
    private HttpContext Request => http.HttpContext ?? throw new InvalidOperationException("Account e-mails are sent while serving a request.");

    private UserManager<ApplicationUser> Users => Request.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();

    /// <summary>A link to the confirmation page for a new account.</summary>
    public async Task ConfirmationAsync(ApplicationUser user, string email)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await Users.GenerateEmailConfirmationTokenAsync(user)));
        Queue(email, localizer["AccountMail.ConfirmSubject"], localizer["AccountMail.ConfirmBody", PageLink("/Account/ConfirmEmail", new { userId = user.Id, code })]);
    }

    /// <summary>Whether a failed sign-up failed only because the address already has an account (Identity's error codes).</summary>
    public static bool IsAlreadyRegistered(IEnumerable<string> errorCodes) =>
        errorCodes.Any() && errorCodes.All(code => code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail));

    /// <summary>Someone signed up with an address that already has an account: tell its owner, nobody else.</summary>
    public void AlreadyRegistered(string email) =>
        Queue(email, localizer["AccountMail.ExistsSubject"], localizer["AccountMail.ExistsBody",
            PageLink("/Account/Login", null), PageLink("/Account/ForgotPassword", null)]);

    /// <summary>A one-day link to choose a new password (which also confirms the address).</summary>
    public async Task PasswordResetAsync(ApplicationUser user, string email)
    {
        var token = await Users.GeneratePasswordResetTokenAsync(user);
        Queue(email, localizer["AccountMail.ResetSubject"], localizer["AccountMail.ResetBody", PageLink("/Account/SetPassword", new { user = user.Id, token })]);
    }

    // Identity's API endpoints (register, resendConfirmationEmail, forgotPassword) call these with
    // HTML-encoded values. Their links point at the API; people get the pages, with the same user id and code.

    Task IEmailSender<ApplicationUser>.SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink)
    {
        var query = QueryHelpers.ParseQuery(new Uri(WebUtility.HtmlDecode(confirmationLink), UriKind.Absolute).Query);
        Queue(email, localizer["AccountMail.ConfirmSubject"], localizer["AccountMail.ConfirmBody",
            PageLink("/Account/ConfirmEmail", new { userId = query["userId"].ToString(), code = query["code"].ToString() })]);
        return Task.CompletedTask;
    }

    Task IEmailSender<ApplicationUser>.SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode)
    {
        var token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(WebUtility.HtmlDecode(resetCode)));
        Queue(email, localizer["AccountMail.ResetSubject"], localizer["AccountMail.ResetCodeBody",
            PageLink("/Account/SetPassword", new { user = user.Id, token }), WebUtility.HtmlDecode(resetCode)]);
        return Task.CompletedTask;
    }

    Task IEmailSender<ApplicationUser>.SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink)
    {
        Queue(email, localizer["AccountMail.ResetSubject"], localizer["AccountMail.ResetBody", WebUtility.HtmlDecode(resetLink)]);
        return Task.CompletedTask;
    }

    private string PageLink(string page, object? values) =>
        links.GetUriByPage(Request, page, null, values) ?? throw new InvalidOperationException($"No route to {page}.");

    private void Queue(string email, string subject, string body) => queue.Add(new EmailMessage(email, subject, body));
}

/// <summary>Account e-mails waiting for <see cref="AccountEmailWorker"/>; bounded, so a flood cannot eat the memory.</summary>
public sealed class AccountEmailQueue(ILogger<AccountEmailQueue> logger)
{
    private readonly Channel<EmailMessage> _messages = Channel.CreateBounded<EmailMessage>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Add(EmailMessage message)
    {
        if (!_messages.Writer.TryWrite(message))
        {
            logger.LogWarning("An account e-mail was dropped: 10,000 are already waiting");
        }
    }

    public IAsyncEnumerable<EmailMessage> ReadAllAsync(CancellationToken ct) => _messages.Reader.ReadAllAsync(ct);
}

/// <summary>Sends the queued account e-mails one by one; a failure is logged (not the address) and the next one goes on.</summary>
internal sealed class AccountEmailWorker(AccountEmailQueue queue, IEmailSender email, ILogger<AccountEmailWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await email.SendAsync(message, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("An account e-mail could not be sent: {Error}", ex.Message);
            }
        }
    }
}
