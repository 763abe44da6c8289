using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.Application.Impact;

/// <summary>
/// What a shared link shows: the donor's totals over all their collected pickups and the name they chose to
/// appear under (null: they are "a donor"). Nothing else about them: no pickup, reference, e-mail, phone or address.
/// </summary>
public sealed record SharedImpact(string? PublicName, DonorImpact Impact);

/// <summary>Share links: the donor's own, and what a link shows to anyone who holds it.</summary>
public sealed class ImpactShareQueries(IAppDbContext db, ImpactQueries impact)
{
    /// <summary>The donor's link, or null when they do not share their impact.</summary>
    public async Task<ImpactShareLink?> MineAsync(Guid userId, CancellationToken ct) =>
        await db.ImpactShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.UserId == userId, ct);

    /// <summary>The impact a link shows, or null for a token that is malformed, unknown or no longer shared.</summary>
    public async Task<SharedImpact?> SharedAsync(string? token, CancellationToken ct)
    {
        if (!ImpactShareLink.IsWellFormed(token))
        {
            return null;
        }
        var userId = await db.ImpactShareLinks.AsNoTracking().Where(l => l.Token == token).Select(l => (Guid?)l.UserId).SingleOrDefaultAsync(ct);
        if (userId is not { } donor)
        {
            return null;
        }
        return new SharedImpact(await impact.PublicNameAsync(donor, ct), await impact.DonorAsync(donor, pickupId: null, ct));
    }
}
