using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Infrastructure.Persistence;

namespace RecyclePlatform.Infrastructure.Ledger;

/// <summary>
/// Tiles are the verifiers' hot path: a full verification reads every one. PostgreSQL joins a tile
/// itself and returns one row instead of 256; SQLite (one developer's machine) reads the rows.
/// </summary>
internal sealed class LedgerTiles(AppDbContext db, DatabaseOptions database) : ILedgerTiles
{
    private sealed record TileBytes(int Count, byte[]? Bytes);

    public async Task<byte[]?> ReadAsync(TilePath tile, CancellationToken ct)
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
