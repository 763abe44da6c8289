using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Pickups;

/// <summary>
/// The signed-in donor's own pickup, at the version they saw. A pickup that is not the caller's is "not
/// found", never "forbidden", so references cannot be probed; an older version (the ETag a client read)
/// guards against overwriting a change made elsewhere.
/// </summary>
public static class DonorsPickup
{
    public static async Task<Pickup> LoadAsync(IAppDbContext db, ICurrentUser user, string reference, long? expectedVersion, CancellationToken ct)
    {
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var consumerId = user.Id;
        var pickup = await db.Pickups.SingleOrDefaultAsync(p => p.Reference == canonical && p.ConsumerId == consumerId, ct)
            ?? throw new NotFoundException("pickup", reference);
        if (expectedVersion is { } expected && expected != pickup.Version)
        {
            throw new DbUpdateConcurrencyException($"Pickup {canonical} is at version {pickup.Version}, not {expected}.");
        }
        return pickup;
    }
}
