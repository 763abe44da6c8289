using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.Web.Api;

internal static class AuthApi
{
    /// <summary>
    /// Identity's own API endpoints (register, login, refresh, manage/info ...) under /api/v1/auth,
    /// so they answer exactly as documented for ASP.NET Core Identity.
    /// </summary>
    public static void MapAuthApi(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/auth")
            .WithTags("Auth")
            .MapIdentityApi<ApplicationUser>()
            .AddEndpointFilter(MakeRegisteredUserAConsumer)
            .Add(OpenAllButManage);
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
        }
    }

    /// <summary>Anyone who signs up through the API is a donor; staff roles are given by an administrator.</summary>
    private static async ValueTask<object?> MakeRegisteredUserAConsumer(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var register = context.Arguments.OfType<RegisterRequest>().FirstOrDefault();
        if (register is null || !Succeeded(result))
        {
            return result;
        }
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(register.Email);
        if (user is not null)
        {
            user.DisplayName = register.Email.Split('@')[0];
            user.CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow();
            user.Culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
            await users.UpdateAsync(user);
            await users.AddToRoleAsync(user, Roles.Consumer);
        }
        return result;
    }

    private static bool Succeeded(object? result) => result switch
    {
        INestedHttpResult nested => Succeeded(nested.Result),
        IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } => true,
        _ => false,
    };
}
