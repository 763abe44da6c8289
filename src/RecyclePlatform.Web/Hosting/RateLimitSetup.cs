using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// Marks an endpoint or page whose POSTs create bookings, so they are rate-limited. On a page,
/// <see cref="PageHandler"/> names the one handler that books: the steps before it are free.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class BookingRateLimitAttribute : Attribute
{
    public string? PageHandler { get; init; }
}

/// <summary>
/// Marks an endpoint or page whose POSTs sign in, sign up or reset a password: limited per IP address
/// (here) and per account (<see cref="AccountThrottle"/>), so nobody can guess passwords quickly or
/// lock many people's accounts at will.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class AccountRateLimitAttribute : Attribute;

internal static class RateLimitSetup
{
    public const string PerUserKey = "RateLimits:BookingsPerUserPerMinute";
    public const string PerIpKey = "RateLimits:BookingsPerIpPerMinute";
    public const string AccountPerIpKey = "RateLimits:AccountRequestsPerIpPerMinute";
    public const string AccountPerAddressKey = "RateLimits:AccountRequestsPerAddressPerMinute";

    /// <summary>
    /// Booking is limited per account and per IP address (both apply), so neither one account
    /// nor one address can empty a city's windows. Other requests are not limited here.
    /// </summary>
    public static IServiceCollection AddPlatformRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perUser = configuration.GetValue(PerUserKey, 10);
        var perIp = configuration.GetValue(PerIpKey, 30);
        var accountPerIp = configuration.GetValue(AccountPerIpKey, 20);
        var accountPerAddress = configuration.GetValue(AccountPerAddressKey, 6);
        if (perUser < 1 || perIp < 1 || accountPerIp < 1 || accountPerAddress < 1)
        {
            throw new InvalidOperationException($"{PerUserKey}, {PerIpKey}, {AccountPerIpKey} and {AccountPerAddressKey} must be at least 1.");
        }
        services.AddSingleton(new AccountThrottle(accountPerAddress));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsBooking(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("user:" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous"),
                        _ => Window(perUser))
                    : RateLimitPartition.GetNoLimiter("none")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsBooking(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("ip:" + context.Connection.RemoteIpAddress, _ => Window(perIp))
                    : RateLimitPartition.GetNoLimiter("none")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsAccount(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("account-ip:" + context.Connection.RemoteIpAddress, _ => Window(accountPerIp))
                    : RateLimitPartition.GetNoLimiter("none")));
            options.OnRejected = WriteRejectionAsync;
        });
        return services;
    }

    private static bool IsBooking(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.GetEndpoint()?.Metadata.GetMetadata<BookingRateLimitAttribute>() is { } limit
        && (limit.PageHandler is null
            || string.Equals(context.Request.Query["handler"], limit.PageHandler, StringComparison.OrdinalIgnoreCase));

    private static bool IsAccount(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<AccountRateLimitAttribute>() is not null;

    internal static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (!ApiPaths.IsApi(context.Request))
        {
            return; // no body: the status-code pages show the friendly 429 page
        }
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = localizer["Problem.TooManyRequests"],
                Detail = localizer["Error.rate_limited"],
                Extensions = { ["code"] = "rate_limited" },
            },
        });
    }
}

/// <summary>
/// Sign-in, sign-up and reset attempts per e-mail address, whichever IP address they come from: a
/// password cannot be guessed from many addresses at once, and Identity's lockout (five failures) is
/// reached no faster than a person would reach it.
/// </summary>
public sealed class AccountThrottle(int perMinute)
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        address => RateLimitPartition.GetFixedWindowLimiter(address, _ => RateLimitSetup.Window(perMinute)));

    /// <summary>For a page: false, with "too many attempts" on the form, when the address has had its share.</summary>
    public bool TryAcquire(string? email, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary form, IStringLocalizer localizer)
    {
        if (TryAcquire(email))
        {
            return true;
        }
        form.AddModelError("", localizer["Account.TooManyAttempts"]);
        return false;
    }

    public bool TryAcquire(string? email)
    {
        var key = (email ?? "").Trim().ToUpperInvariant();
        using var lease = _limiter.AttemptAcquire(key.Length > 254 ? key[..254] : key);
        return lease.IsAcquired;
    }
}
