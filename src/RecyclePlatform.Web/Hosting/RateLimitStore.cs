using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using RecyclePlatform.Application.Common;
using RedisRateLimiting;
using StackExchange.Redis;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// Where the rate limits' fixed windows are counted. With <c>Redis:Connection</c> set, in Redis, so every
/// node shares one count (RedisRateLimiting's atomic script); without it, in this node's memory, which is
/// right for a single node. While Redis cannot be reached, each node counts in its own memory again
/// (a limit per node is better than refusing every booking or letting all through), and says so once.
/// Keys are a policy name and a SHA-256 of the address or account: no e-mail address or IP address is
/// written to Redis, and each key expires with its window.
/// </summary>
public sealed class RateLimitStore(IConnectionMultiplexer? redis, string keyPrefix, PlatformMetrics metrics, ILogger<RateLimitStore> logger)
{
    public const string ConnectionKey = "Redis:Connection";
    public const string KeyPrefixKey = "Redis:KeyPrefix";
    private readonly IConnectionMultiplexer? _redis = redis;
    private readonly PlatformMetrics _metrics = metrics;
    private long _warnedAt = -120_000; // Environment.TickCount64 starts at 0: the first failure is always told

    /// <summary>True when the windows are counted in Redis.</summary>
    public bool Shared => _redis is not null;

    /// <summary>A partition of <paramref name="permits"/> per minute for <paramref name="subject"/> under <paramref name="policy"/>.</summary>
    public RateLimitPartition<string> Window(string policy, string subject, int permits)
    {
        var key = policy + ":" + Hash(subject);
        return RateLimitPartition.Get(key, k => new WindowLimiter(this, policy, keyPrefix + k, permits));
    }

    private static string Hash(string subject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32];

    private void RedisFailed(Exception ex)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _warnedAt);
        if (now - last > 60_000 && Interlocked.CompareExchange(ref _warnedAt, now, last) == last)
        {
            logger.LogWarning(ex, "Redis cannot be reached: rate limits are counted on this node alone until it can");
        }
    }

    /// <summary>
    /// One partition's window: in Redis when there is one, with this node's own window as the fallback.
    /// Only the asynchronous path counts (RedisRateLimiting cannot answer synchronously), so the
    /// synchronous attempt is always "not yet" and takes nothing; ASP.NET Core's middleware then waits.
    /// </summary>
    private sealed class WindowLimiter(RateLimitStore store, string policy, string key, int permits) : RateLimiter
    {
        private readonly FixedWindowRateLimiter _local = new(RateLimitSetup.Window(permits));
        private readonly RedisFixedWindowRateLimiter<string>? _shared = store._redis is { } redis
            ? new RedisFixedWindowRateLimiter<string>(key, new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
            })
            : null;

        public override TimeSpan? IdleDuration => _shared?.IdleDuration ?? _local.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotYet.Lease;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            RateLimitLease lease;
            if (_shared is null)
            {
                lease = await _local.AcquireAsync(permitCount, cancellationToken);
            }
            else
            {
                try
                {
                    lease = await _shared.AcquireAsync(permitCount, cancellationToken);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    store.RedisFailed(ex);
                    lease = await _local.AcquireAsync(permitCount, cancellationToken);
                }
            }
            if (!lease.IsAcquired)
            {
                store._metrics.RateLimitRefused(policy);
            }
            return lease;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _local.Dispose();
                _shared?.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private sealed class NotYet : RateLimitLease
    {
        public static readonly NotYet Lease = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
