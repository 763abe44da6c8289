using System.Collections.Concurrent;

namespace RecyclePlatform.Application.Accounts;

/// <summary>
/// The security stamps that signed-in requests are checked against, so that a request does not
/// read its account's stamp from the database every time. Any stamp change (password, sign-out,
/// erasure) drops every copy on every node: this process's save says so at once, other nodes hear a
/// PostgreSQL notification. While notifications may go unheard a copy is trusted for 2 s only.
/// </summary>
public sealed class SessionStampCache(TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private static readonly TimeSpan HeardMaxAge = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan UnheardMaxAge = TimeSpan.FromSeconds(2);

    // Process-wide, like ReferenceDataCache's: a copy is valid only for the generation it was read in.
    private static long _generation;

    private readonly ConcurrentDictionary<Guid, Entry> _stamps = new();

    private sealed record Entry(string? Stamp, long Generation, DateTimeOffset ReadAt);

    /// <summary>Whether other nodes' changes are heard (the PostgreSQL listener is connected); SQLite has one node.</summary>
    public bool HearsOtherNodes { get; set; }

    /// <summary>Called after any account's security stamp changed or an account was deleted.</summary>
    public static void Changed() => Interlocked.Increment(ref _generation);

    /// <summary>The account's current stamp (null: no such account), from the copy or from <paramref name="read"/>.</summary>
    public async Task<string?> CurrentAsync(Guid userId, Func<Task<string?>> read)
    {
        var now = time.GetUtcNow();
        var generation = Interlocked.Read(ref _generation);
        if (_stamps.TryGetValue(userId, out var entry) && entry.Generation == generation
            && now - entry.ReadAt < (HearsOtherNodes ? HeardMaxAge : UnheardMaxAge))
        {
            return entry.Stamp;
        }
        var stamp = await read();
        // Kept only if no stamp changed while it was read: otherwise it may already be the old one.
        if (Interlocked.Read(ref _generation) == generation)
        {
            if (_stamps.Count >= MaxEntries)
            {
                _stamps.Clear();
            }
            _stamps[userId] = new Entry(stamp, generation, now);
        }
        return stamp;
    }
}
