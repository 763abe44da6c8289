using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Common;

/// <summary>
/// A staff device changes an aggregate (a pickup, a lot) only from the version it last saw, and a
/// device that lost the race is told the current version and state.
/// </summary>
internal static class VersionGuard
{
    public static void EnsureCurrent(string resource, IVersioned entity, string state, long? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != entity.Version)
        {
            throw new StaleVersionException(resource, entity.Version, state);
        }
    }

    /// <summary>Saves; a concurrent change between read and write becomes a <see cref="StaleVersionException"/> with the winner's state.</summary>
    /// <param name="stateProperty">The property that names the aggregate's state (Status).</param>
    public static async Task SaveOrReportStaleAsync(IAppDbContext db, IVersioned entity, string resource, string stateProperty, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Entry(entity).GetDatabaseValuesAsync(ct);
            if (current is null)
            {
                throw;
            }
            throw new StaleVersionException(resource, (long)current[nameof(IVersioned.Version)]!, current[stateProperty]!.ToString()!);
        }
    }
}
