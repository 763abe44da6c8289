using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Cities;

namespace RecyclePlatform.Application.Cities;

/// <summary>
/// Cities, their districts and booking policies: read on every listing of windows and every
/// booking, changed a few times a year. Held in memory, one copy per node, and dropped whenever
/// any node saves a change to them (<see cref="Changed"/>: the save itself in this process, and
/// a PostgreSQL notification from other nodes). The copies are shared: nobody may change them;
/// load from the database to change a city.
/// </summary>
public sealed class ReferenceDataCache(TimeProvider time)
{
    /// <summary>How long a copy is trusted when changes from other nodes may go unheard (no listener connected).</summary>
    public static readonly TimeSpan UnheardMaxAge = TimeSpan.FromSeconds(2);

    /// <summary>A safety net even with a listener: a copy never outlives this.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    // Process-wide: every context in this process that saves a city or district counts it here, and so
    // does the listener for other processes. A copy is valid only for the generation it was read in.
    private static long _generation;

    private Snapshot? _current;

    /// <summary>Whether changes from other nodes are heard (PostgreSQL LISTEN connected); SQLite has one node.</summary>
    public bool HearsOtherNodes { get; set; }

    /// <summary>Called after a city or district is saved, or another node said so: the next read reloads.</summary>
    public static void Changed() => Interlocked.Increment(ref _generation);

    public sealed record Snapshot(
        long Generation, DateTimeOffset LoadedAt, IReadOnlyList<City> Cities,
        IReadOnlyDictionary<Guid, City> CityById, IReadOnlyDictionary<Guid, District> DistrictById);

    public async Task<Snapshot> CurrentAsync(IAppDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var snapshot = Volatile.Read(ref _current);
        if (snapshot is not null && snapshot.Generation == Interlocked.Read(ref _generation)
            && now - snapshot.LoadedAt < (HearsOtherNodes ? MaxAge : UnheardMaxAge))
        {
            return snapshot;
        }
        // Read the generation first: a change saved while we read makes this copy stale at once.
        var generation = Interlocked.Read(ref _generation);
        var cities = await db.Cities.AsNoTracking().Include(c => c.Districts).OrderBy(c => c.Slug).ToListAsync(ct);
        var fresh = new Snapshot(generation, now, cities,
            cities.ToDictionary(c => c.Id),
            cities.SelectMany(c => c.Districts).ToDictionary(d => d.Id));
        Volatile.Write(ref _current, fresh);
        return fresh;
    }
}

/// <summary>A request's view of the reference data: from the node's copy, or the database for what the copy lacks.</summary>
public sealed class ReferenceData(IAppDbContext db, ReferenceDataCache cache)
{
    public async Task<IReadOnlyList<City>> CitiesAsync(CancellationToken ct) => (await cache.CurrentAsync(db, ct)).Cities;

    public async Task<City?> CityAsync(Guid id, CancellationToken ct) =>
        (await cache.CurrentAsync(db, ct)).CityById.TryGetValue(id, out var city) ? city : await MissingAsync(c => c.Id == id, ct);

    public async Task<(District District, City City)?> DistrictAsync(Guid id, CancellationToken ct)
    {
        var snapshot = await cache.CurrentAsync(db, ct);
        var city = snapshot.DistrictById.TryGetValue(id, out var known) && snapshot.CityById.TryGetValue(known.CityId, out var its)
            ? its
            : await MissingAsync(c => c.Districts.Any(d => d.Id == id), ct);
        return city is null ? null : (city.Districts.Single(d => d.Id == id), city);
    }

    /// <summary>
    /// Not in the copy: one query for the city with its districts, as before the cache, so that one added a
    /// moment ago on another node is found (and the copy dropped), and an unknown id never reloads the whole copy.
    /// </summary>
    private async Task<City?> MissingAsync(System.Linq.Expressions.Expression<Func<City, bool>> match, CancellationToken ct)
    {
        var city = await db.Cities.AsNoTracking().Include(c => c.Districts).SingleOrDefaultAsync(match, ct);
        if (city is not null)
        {
            ReferenceDataCache.Changed();
        }
        return city;
    }
}
