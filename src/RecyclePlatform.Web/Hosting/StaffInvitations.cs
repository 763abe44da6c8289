using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Notifications;

namespace RecyclePlatform.Web.Hosting;

/// <summary>E-mails a one-day link to /Account/SetPassword to a person who was given a staff account.</summary>
public sealed class StaffInvitations(UserManager<ApplicationUser> users, IEmailSender email, LinkGenerator links,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task SendAsync(HttpContext http, Guid userId, string address, string subject, Func<string, string> body, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("The invited account was not saved.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = links.GetUriByPage(http, "/Account/SetPassword", null, new { area = "", user = user.Id, token })
            ?? throw new InvalidOperationException("No route to /Account/SetPassword.");
        await email.SendAsync(new EmailMessage(address, subject, body(link)), ct);
    }

    public Task SendCourierAsync(HttpContext http, Guid userId, string address, CancellationToken ct) =>
        SendAsync(http, userId, address, localizer["Couriers.InviteSubject"], link => localizer["Couriers.InviteBody", link], ct);
}
