using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;

namespace RecyclePlatform.Application.Slots;

/// <summary>
/// The campaigns that add pickup windows of their own: asked on every listing of windows (the hottest read, docs/performance.md),
/// changed a few times a year. Held per node for at most <see cref="MaxAge"/>, and dropped at once when this node saves a
/// campaign, so a listing costs no query for them. A booking into a campaign's window still asks the database
/// (<see cref="SlotPlanner.StillOffersAsync"/>), so a copy a moment old can only list a window, never book one that is gone.
/// </summary>
public sealed class CampaignWindowsCache(TimeProvider time)
{
    /// <summary>How stale a listing may be on another node after an administrator changes a campaign's windows.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private static long _generation;

    private Snapshot? _current;

    private sealed record Snapshot(long Generation, DateTimeOffset LoadedAt, IReadOnlyList<Campaign> Campaigns);

    /// <summary>Called after this node saves a campaign: the next listing reads them again.</summary>
    public static void Changed() => Interlocked.Increment(ref _generation);

    /// <summary>Every campaign with windows of its own that has not ended (a day of slack for time zones), the most recently started first.</summary>
    public async Task<IReadOnlyList<Campaign>> CurrentAsync(IAppDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var snapshot = Volatile.Read(ref _current);
        if (snapshot is not null && snapshot.Generation == Interlocked.Read(ref _generation) && now - snapshot.LoadedAt < MaxAge)
        {
            return snapshot.Campaigns;
        }
        var generation = Interlocked.Read(ref _generation);
        var since = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-2);
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.EndsOn >= since && c.Windows.Any())
            .OrderByDescending(c => c.StartsOn).ThenBy(c => c.Slug)
            .ToListAsync(ct);
        Volatile.Write(ref _current, new Snapshot(generation, now, campaigns));
        return campaigns;
    }
}
