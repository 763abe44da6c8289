using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Pickups;

/// <summary>
/// A staff device changes a pickup only from the version it last saw, and a device that lost
/// the race is told the pickup's current version and status.
/// </summary>
internal static class PickupVersions
{
    public static void EnsureCurrent(Pickup pickup, long? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != pickup.Version)
        {
            throw new StaleVersionException("pickup", pickup.Version, pickup.Status.ToString());
        }
    }

    /// <summary>Saves; a concurrent change of the pickup between read and write becomes a <see cref="StaleVersionException"/>.</summary>
    public static async Task SaveOrReportStaleAsync(IAppDbContext db, Pickup pickup, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Pickups.AsNoTracking().Where(p => p.Id == pickup.Id)
                .Select(p => new { p.Version, p.Status }).SingleAsync(ct);
            throw new StaleVersionException("pickup", current.Version, current.Status.ToString());
        }
    }
}
