using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Infrastructure.Persistence;

namespace RecyclePlatform.Infrastructure.Ledger;

/// <summary>
/// Tiles are the verifiers' hot path: a full verification reads every one. A full tile never changes,
/// so it is stored once as the bytes it is served as (one primary-key read, instead of joining 256
/// rows each time); partial tiles are built on each read. PostgreSQL joins a tile itself and returns
/// one row instead of 256; SQLite (one developer's machine) reads the rows.
/// </summary>
internal sealed class LedgerTiles(AppDbContext db, DatabaseOptions database, FullTileCache cache) : ILedgerTiles
{
    private sealed record TileBytes(int Count, byte[]? Bytes);

    public async Task<byte[]?> ReadAsync(TilePath tile, CancellationToken ct)
    {
        if (tile.IsPartial)
        {
            return await BuildAsync(tile, ct);
        }
        var level = tile.IsEntries ? LedgerTileRecord.EntriesLevel : (short)tile.Level;
        if (cache.TryGet(level, tile.Index, out var cached))
        {
            return cached;
        }
        var bytes = await db.LedgerTiles.AsNoTracking().Where(t => t.Level == level && t.Index == tile.Index)
            .Select(t => t.Bytes).FirstOrDefaultAsync(ct);
        if (bytes is null && (bytes = await BuildAsync(tile, ct)) is not null)
        {
            // A log older than the stored tiles, or a tile a round has not stored yet: store it now.
            await StoreAsync(level, tile.Index, bytes, ct);
        }
        if (bytes is not null)
        {
            cache.Add(level, tile.Index, bytes);
        }
        return bytes;
    }

    public async Task StoreFilledAsync(long oldSize, long newSize, CancellationToken ct)
    {
        // Level L holds the hashes of subtrees of 2^(8L) entries; its tile t is full once 256 of them are.
        // An entry bundle is full once its 256 entries are, like a level 0 tile.
        for (var level = -1; ; level++)
        {
            var shift = TilePath.Height * (Math.Max(level, 0) + 1);
            var before = oldSize >> shift;
            var after = newSize >> shift;
            if (after == 0 || shift > 62)
            {
                return;
            }
            for (var index = before; index < after; index++)
            {
                var tile = new TilePath(Math.Max(level, 0), index, TilePath.FullWidth, IsEntries: level < 0);
                if (await BuildAsync(tile, ct) is { } bytes)
                {
                    await StoreAsync((short)level, index, bytes, ct);
                }
            }
        }
    }

    private Task<int> StoreAsync(short level, long index, byte[] bytes, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO ledger_tiles (level, \"index\", bytes) VALUES ({level}, {index}, {bytes}) ON CONFLICT DO NOTHING", ct);

    public async Task<byte[]?> BuildAsync(TilePath tile, CancellationToken ct)
    {
        var first = tile.Index * TilePath.FullWidth;
        var from = tile.IsEntries ? first : new TreeNode(tile.Level * TilePath.Height, first).Key;
        var to = from + tile.Width;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var joined = tile.IsEntries
                ? await db.Database.SqlQuery<TileBytes>($"""
                    SELECT count(*)::int AS count, string_agg(int2send(length(body)::int2) || body, ''::bytea ORDER BY index) AS bytes
                    FROM ledger_entries WHERE index >= {from} AND index < {to}
                    """).SingleAsync(ct)
                : await db.Database.SqlQuery<TileBytes>($"""
                    SELECT count(*)::int AS count, string_agg(hash, ''::bytea ORDER BY key) AS bytes
                    FROM ledger_nodes WHERE key >= {from} AND key < {to}
                    """).SingleAsync(ct);
            return joined.Count == tile.Width ? joined.Bytes : null;
        }
        if (tile.IsEntries)
        {
            var bodies = await db.LedgerEntries.AsNoTracking().Where(e => e.Index >= from && e.Index < to)
                .OrderBy(e => e.Index).Select(e => e.Body).ToListAsync(ct);
            if (bodies.Count != tile.Width)
            {
                return null;
            }
            var bundle = new byte[bodies.Sum(b => 2 + b.Length)];
            var at = 0;
            foreach (var body in bodies)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(at), (ushort)body.Length);
                body.CopyTo(bundle, at + 2);
                at += 2 + body.Length;
            }
            return bundle;
        }
        var hashes = await db.LedgerNodes.AsNoTracking().Where(n => n.Key >= from && n.Key < to)
            .OrderBy(n => n.Key).Select(n => n.Hash).ToListAsync(ct);
        return hashes.Count == tile.Width ? [.. hashes.SelectMany(h => h)] : null;
    }
}

/// <summary>
/// Full tiles in memory, up to Ledger:TileCacheMegabytes (default 256, about the entry bundles of a
/// million entries; 0 turns it off): they never change, so a node can serve a verifier's whole
/// download without asking the database. The least recently used go first when it is full.
/// </summary>
internal sealed class FullTileCache(long bytes) : IDisposable
{
    private readonly Microsoft.Extensions.Caching.Memory.MemoryCache _cache = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions
    {
        SizeLimit = Math.Max(bytes, 1),
        CompactionPercentage = 0.1,
    });

    public bool TryGet(short level, long index, out byte[]? tile)
    {
        tile = _cache.TryGetValue((object)(level, index), out var value) ? value as byte[] : null;
        return tile is not null;
    }

    public void Add(short level, long index, byte[] tile)
    {
        if (bytes == 0)
        {
            return;
        }
        using var entry = _cache.CreateEntry((level, index));
        entry.Size = tile.Length;
        entry.Value = tile;
    }

    public void Dispose() => _cache.Dispose();
}
