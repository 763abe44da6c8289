using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.Web.Hosting;

internal static class AuthenticationSetup
{
    /// <summary>Picks the bearer scheme when a request carries a token, the cookie otherwise.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    /// <summary>
    /// The JSON API changes nothing on the strength of a cookie: a browser sends the cookie with a
    /// cross-site request it did not mean to make (CSRF), and the API has no antiforgery token. Unsafe
    /// /api calls authenticate with a bearer token only; the pages' own scripts only read (GET).
    /// </summary>
    private static bool CookieMustNotChange(HttpRequest request) =>
        ApiPaths.IsApi(request) && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                // AddIdentity sets cookie defaults for authenticate and challenge; override both.
                options.DefaultScheme = CookieOrBearer;
                options.DefaultAuthenticateScheme = CookieOrBearer;
                options.DefaultChallengeScheme = CookieOrBearer;
                options.DefaultForbidScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, CookieOrBearer, options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    || CookieMustNotChange(context.Request)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(1);
                options.RefreshTokenExpiration = TimeSpan.FromDays(14);
            });

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "rp.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            // An API client wants a status code and a problem body, not a login page.
            options.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            // Closed by default: every page and endpoint needs a signed-in user unless it says otherwise.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddRolePolicies();
        return services;
    }

    /// <summary>One policy per role, named like the role, so endpoints read `.RequireAuthorization(Roles.Courier)`.</summary>
    private static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder)
    {
        foreach (var role in Roles.All)
        {
            builder.AddPolicy(role, policy => policy.RequireRole(role));
        }
        // Administrators see every city's dispatch board.
        builder.AddPolicy(Policies.DispatchBoard, policy => policy.RequireRole(Roles.Dispatcher, Roles.Admin));
        return builder;
    }

    private static Task ApiStatusOrRedirect(HttpContext context, string redirectUri, int status)
    {
        if (ApiPaths.IsApi(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }
        return Task.CompletedTask;
    }
}

internal static class Policies
{
    public const string DispatchBoard = nameof(DispatchBoard);
}
