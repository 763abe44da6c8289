using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Infrastructure.Identity;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Api;

internal static class AuthApi
{
    /// <summary>
    /// Identity's own API endpoints (register, login, refresh, manage/info ...) under /api/v1/auth,
    /// so they answer as documented for ASP.NET Core Identity, with three differences: sign-up answers
    /// a known address exactly like a new one, attempts are limited per IP and per address, and
    /// /auth/logout ends every session of the account.
    /// </summary>
    public static void MapAuthApi(this RouteGroupBuilder v1)
    {
        var auth = v1.MapGroup("/auth").WithTags("Auth");
        auth.MapIdentityApi<ApplicationUser>()
            .AddEndpointFilter(ThrottlePerAddress)
            .AddEndpointFilter(RegisterWithoutTellingWhoExists)
            .Add(OpenAllButManage);
        auth.MapPost("/logout", LogoutAsync)
            .WithSummary("Ends every session of the signed-in account: its bearer tokens, refresh tokens and cookies stop working.")
            .RequireAuthorization();
    }

    /// <summary>
    /// Pages and endpoints are closed by default; signing up and in must be open. Identity's
    /// /manage endpoints carry their own RequireAuthorization and stay closed.
    /// </summary>
    private static void OpenAllButManage(EndpointBuilder endpoint)
    {
        var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? "";
        if (!pattern.Contains("/manage", StringComparison.OrdinalIgnoreCase))
        {
            endpoint.Metadata.Add(new AllowAnonymousAttribute());
            endpoint.Metadata.Add(new AccountRateLimitAttribute());
        }
    }

    private static async ValueTask<object?> ThrottlePerAddress(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var address = context.Arguments.Select(argument => argument switch
        {
            LoginRequest login => login.Email,
            RegisterRequest register => register.Email,
            ForgotPasswordRequest forgot => forgot.Email,
            ResetPasswordRequest reset => reset.Email,
            ResendConfirmationEmailRequest resend => resend.Email,
            _ => null,
        }).FirstOrDefault(email => email is not null);
        if (address is null || await context.HttpContext.RequestServices.GetRequiredService<AccountThrottle>().TryAcquireAsync(address, context.HttpContext.RequestAborted))
        {
            return await next(context);
        }
        var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.HttpContext.Response.Headers.RetryAfter = "60";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: localizer["Problem.TooManyRequests"],
            detail: localizer["Error.rate_limited"], extensions: new Dictionary<string, object?> { ["code"] = Rules.RateLimited.Code });
    }

    /// <summary>
    /// Anyone who signs up through the API is a donor; staff roles are given by an administrator.
    /// An address that already has an account gets the same 200 as a new one (Identity hashes the
    /// password either way, so the time matches too), and its owner gets an e-mail saying so.
    /// </summary>
    private static async ValueTask<object?> RegisterWithoutTellingWhoExists(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var register = context.Arguments.OfType<RegisterRequest>().FirstOrDefault();
        if (register is null)
        {
            return result;
        }
        var services = context.HttpContext.RequestServices;
        if (IsOnlyDuplicate(result))
        {
            services.GetRequiredService<AccountEmails>().AlreadyRegistered(register.Email);
            return TypedResults.Ok();
        }
        if (!Succeeded(result))
        {
            return result;
        }
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(register.Email) is { } user)
        {
            user.DisplayName = register.Email.Split('@')[0];
            user.CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow();
            user.Culture = CultureInfo.CurrentUICulture.Name;
            await users.UpdateAsync(user);
            await users.AddToRoleAsync(user, Roles.Consumer);
        }
        return result;
    }

    private static bool IsOnlyDuplicate(object? result) => result switch
    {
        INestedHttpResult nested => IsOnlyDuplicate(nested.Result),
        ValidationProblem problem => AccountEmails.IsAlreadyRegistered(problem.ProblemDetails.Errors.Keys),
        _ => false,
    };

    private static bool Succeeded(object? result) => result switch
    {
        INestedHttpResult nested => Succeeded(nested.Result),
        IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } => true,
        _ => false,
    };

    private static async Task<NoContent> LogoutAsync(ClaimsPrincipal principal, UserManager<ApplicationUser> users)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        return TypedResults.NoContent();
    }
}
