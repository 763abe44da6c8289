using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.Application.Impact;

/// <summary>
/// The signed-in donor shares their impact: the link they already have, or a new one with a random token.
/// Sharing is their explicit act; the public page shows their totals under the display name they chose for
/// leaderboards, or none, and never anything else about them (docs/campaigns.md, "Sharing impact").
/// </summary>
public sealed class ShareImpactHandler(IAppDbContext db, ICurrentUser user, TimeProvider time)
{
    /// <returns>The donor's link, and whether this call made it.</returns>
    public async Task<(ImpactShareLink Link, bool Created)> HandleAsync(CancellationToken ct)
    {
        var userId = user.Id ?? throw new InvalidOperationException("Sharing impact needs a signed-in donor.");
        if (await db.ImpactShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.UserId == userId, ct) is { } existing)
        {
            return (existing, false);
        }
        var link = ImpactShareLink.Create(userId, time.GetUtcNow());
        if (!await db.TryInsertAsync([link], ct))
        {
            // A second tap made it a moment ago: that one is the donor's link.
            return (await db.ImpactShareLinks.AsNoTracking().SingleAsync(l => l.UserId == userId, ct), false);
        }
        return (link, true);
    }
}
