using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// Set-password links for e-mails written by the notification worker, outside any request: the host is
/// <c>PublicBaseUrl</c>, else the address this node listens on (development), else localhost.
/// </summary>
internal sealed class AccountLinks(UserManager<ApplicationUser> users, LinkGenerator links, IConfiguration configuration, IServer server)
    : IAccountLinks
{
    public async Task<string> SetPasswordLinkAsync(Guid userId, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("The invited account is gone.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var path = links.GetPathByPage("/Account/SetPassword", null, new { area = "", user = user.Id, token })
            ?? throw new InvalidOperationException("No route to /Account/SetPassword.");
        return new Uri(new Uri(BaseUrl()), path).ToString();
    }

    private string BaseUrl() =>
        configuration["PublicBaseUrl"] is { Length: > 0 } configured ? configured
        : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal)
          ?? "http://localhost";
}
