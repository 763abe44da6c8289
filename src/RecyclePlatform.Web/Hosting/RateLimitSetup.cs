using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using StackExchange.Redis;

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
        var redis = configuration[RateLimitStore.ConnectionKey];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // AbortOnConnectFail=false: a node starts, and reconnects, while Redis is away. FailFast: while it is
            // away a limit check fails at once and the store falls back to this node's memory, instead of
            // queueing the command until its timeout (5 s by default) and holding every booking that long.
            var redisOptions = ConfigurationOptions.Parse(redis);
            redisOptions.AbortOnConnectFail = false;
            redisOptions.BacklogPolicy = BacklogPolicy.FailFast;
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
        }
        var prefix = configuration[RateLimitStore.KeyPrefixKey] is { Length: > 0 } configured ? configured : "recycleplatform:";
        services.AddSingleton(provider => new RateLimitStore(provider.GetService<IConnectionMultiplexer>(), prefix,
            provider.GetRequiredService<PlatformMetrics>(), provider.GetRequiredService<ILogger<RateLimitStore>>()));
        services.AddSingleton(provider => new AccountThrottle(provider.GetRequiredService<RateLimitStore>(), accountPerAddress));
        services.AddOptions<RateLimiterOptions>().Configure<RateLimitStore>((options, store) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsBooking(context)
                    ? store.Window("booking-user", context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous", perUser)
                    : RateLimitPartition.GetNoLimiter("none")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsBooking(context)
                    ? store.Window("booking-ip", context.Connection.RemoteIpAddress?.ToString() ?? "", perIp)
                    : RateLimitPartition.GetNoLimiter("none")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsAccount(context)
                    ? store.Window("account-ip", context.Connection.RemoteIpAddress?.ToString() ?? "", accountPerIp)
                    : RateLimitPartition.GetNoLimiter("none")));
            options.OnRejected = WriteRejectionAsync;
        });
        services.AddRateLimiter(_ => { });
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

    /// <summary>The wait a lease names: a TimeSpan from this node's window, whole seconds from RedisRateLimiting's.</summary>
    private static TimeSpan RetryAfter(RateLimitLease lease)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter.Name, out var wait) && wait is TimeSpan local)
        {
            return local;
        }
        return lease.TryGetMetadata(RedisRateLimiting.RateLimitMetadataName.RetryAfter.Name, out var seconds) && seconds is int shared
            ? TimeSpan.FromSeconds(Math.Max(shared, 1))
            : TimeSpan.FromMinutes(1);
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var retryAfter = RetryAfter(rejected.Lease);
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
                Extensions = { ["code"] = Rules.RateLimited.Code },
            },
        });
    }
}

/// <summary>
/// Sign-in, sign-up and reset attempts per e-mail address, whichever IP address they come from: a
/// password cannot be guessed from many addresses at once, and Identity's lockout (five failures) is
/// reached no faster than a person would reach it. Counted where the other limits are (<see cref="RateLimitStore"/>).
/// </summary>
public sealed class AccountThrottle(RateLimitStore store, int perMinute)
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        address => store.Window("account-address", address, perMinute));

    /// <summary>For a page: false, with "too many attempts" on the form, when the address has had its share.</summary>
    public async Task<bool> TryAcquireAsync(string? email, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary form, IStringLocalizer localizer,
        CancellationToken ct)
    {
        if (await TryAcquireAsync(email, ct))
        {
            return true;
        }
        form.AddModelError("", localizer["Account.TooManyAttempts"]);
        return false;
    }

    public async Task<bool> TryAcquireAsync(string? email, CancellationToken ct)
    {
        var key = (email ?? "").Trim().ToUpperInvariant();
        using var lease = await _limiter.AcquireAsync(key.Length > 254 ? key[..254] : key, cancellationToken: ct);
        return lease.IsAcquired;
    }
}
