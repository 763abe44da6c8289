using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// Every signed-in request, by cookie or by bearer token, carries its account's security stamp from
/// the moment of sign-in. Identity changes the stamp when the password changes and when the person
/// signs out; a deleted account has none. A request whose stamp is no longer the account's is treated
/// as anonymous (and its cookie removed), so copied cookies and tokens stop working at once, on every node
/// (stamps are held in memory by <see cref="SessionStampCache"/>, dropped by any stamp change on any node).
/// </summary>
internal static class SessionStamps
{
    public static IApplicationBuilder UseSessionStamps(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && !await IsCurrentAsync(context))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                var cookie = CookieName(context);
                if (context.Request.Cookies.ContainsKey(cookie))
                {
                    context.Response.Cookies.Delete(cookie);
                }
            }
            await next(context);
        });

    private static async Task<bool> IsCurrentAsync(HttpContext context)
    {
        var identity = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var stamp = context.User.FindFirstValue(identity.SecurityStampClaimType);
        if (!Guid.TryParse(context.User.FindFirstValue(identity.UserIdClaimType), out var userId) || string.IsNullOrEmpty(stamp))
        {
            return false;
        }
        var current = await context.RequestServices.GetRequiredService<SessionStampCache>().CurrentAsync(userId, async () =>
        {
            var users = context.RequestServices.GetRequiredService<UserManager<Infrastructure.Identity.ApplicationUser>>();
            return await users.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(context.RequestAborted);
        });
        return current == stamp;
    }

    private static string CookieName(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? "rp.auth";
}
