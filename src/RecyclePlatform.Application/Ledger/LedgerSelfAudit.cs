using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Ledger;

/// <summary>
/// Recomputes the whole tree from the stored entries and compares: every entry's leaf hash with
/// the stored one, indexes without gaps, every stored interior node (the ones proofs and tiles are
/// folded from) with the recomputed one, and the recomputed root at the size of every signed
/// checkpoint with that checkpoint's root (so a rewrite that recomputed its nodes is still caught
/// by an older checkpoint). The first disagreement is named by entry index or node (level, index),
/// logged as critical and kept as a run.
/// </summary>
public sealed class LedgerSelfAudit(IAppDbContext db, IAdvisoryLocks locks, LedgerQueries queries, ILedgerTiles tiles, TimeProvider time,
    ILogger<LedgerSelfAudit> logger)
{
    private const int Page = 10_000;
    private const int TileChunk = 64;

    /// <summary>
    /// Incremental when the last full audit passed less than <paramref name="fullEvery"/> ago and nothing
    /// failed since; otherwise full.
    /// </summary>
    public async Task<LedgerAuditRun?> RunScheduledAsync(TimeSpan fullEvery, CancellationToken ct)
    {
        var runs = db.LedgerAuditRuns.AsNoTracking();
        var lastFull = await runs.Where(r => r.FromSize == 0 && r.Passed).MaxAsync(r => (DateTimeOffset?)r.StartedAt, ct);
        var lastFailed = await runs.Where(r => !r.Passed).MaxAsync(r => (DateTimeOffset?)r.StartedAt, ct);
        var full = lastFull is null || time.GetUtcNow() - lastFull >= fullEvery || (lastFailed is not null && lastFailed > lastFull);
        return await RunAsync(ct, incremental: !full);
    }

    /// <param name="incremental">
    /// Only the entries after the size the last passed audit reached: the stored right edge at that size
    /// must still give its signed root, then the new entries and every node they complete are
    /// recomputed and checked, with the signed checkpoints since. The full audit checks the rest.
    /// </param>
    /// <returns>The run, or null when another node is auditing right now.</returns>
    public async Task<LedgerAuditRun?> RunAsync(CancellationToken ct, bool incremental = false)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await locks.TryLockForTransactionAsync(AdvisoryLockIds.LedgerAudit, ct))
        {
            return null;
        }
        var run = new LedgerAuditRun { StartedAt = time.GetUtcNow() };
        var checkpoint = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(ct);
        var signed = checkpoint is null ? null : queries.SignedCheckpoint(checkpoint.Note);
        run.TreeSize = checkpoint?.Size ?? 0;
        if (checkpoint is not null && signed is null)
        {
            Fail(run, null, "The latest checkpoint's signature does not verify with the log's key.");
        }
        else if (signed is not null)
        {
            var last = incremental
                ? await db.LedgerAuditRuns.AsNoTracking().Where(r => r.Passed && r.TreeSize <= signed.Size)
                    .OrderByDescending(r => r.TreeSize).Select(r => (long?)r.TreeSize).FirstOrDefaultAsync(ct)
                : null;
            run.FromSize = last ?? 0;
            await CompareAsync(run, signed, ct);
        }
        if (run.Problem is null)
        {
            run.Passed = true;
        }
        run.FinishedAt = time.GetUtcNow();
        db.LedgerAuditRuns.Add(run);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (run.Passed)
        {
            logger.LogInformation("Ledger self-audit passed: entries {From} to {Size} recomputed", run.FromSize, run.TreeSize);
        }
        else
        {
            logger.LogCritical("LEDGER SELF-AUDIT FAILED at index {Index}: {Problem}", run.FirstBadIndex, run.Problem);
        }
        return run;
    }

    private async Task CompareAsync(LedgerAuditRun run, Checkpoint signed, CancellationToken ct)
    {
        // Every signed size and root, oldest first: the recomputed tree must pass through each of them.
        var from = run.FromSize;
        var checkpoints = new Queue<(long Size, byte[] Root)>((await db.LedgerCheckpoints.AsNoTracking()
            .Where(c => c.Size > 0 && c.Size >= from && c.Size <= signed.Size).OrderBy(c => c.Size)
            .Select(c => new { c.Size, c.RootHash }).ToListAsync(ct)).Select(c => (c.Size, c.RootHash)));
        var tree = new CompactRange();
        if (from > 0)
        {
            // The audited prefix, as its stored right edge: it must still fold to the root signed at that size.
            try
            {
                tree = await LedgerTree.LoadFrontierAsync(db, from, ct);
            }
            catch (InvalidOperationException ex)
            {
                Fail(run, null, ex.Message);
                return;
            }
            if (!checkpoints.TryDequeue(out var start) || start.Size != from || !tree.Root().AsSpan().SequenceEqual(start.Root))
            {
                Fail(run, null, $"The stored nodes of the first {from} entries, which the last audit passed, no longer give the root signed at that size.");
                return;
            }
        }
        for (long start = from; start < signed.Size; start += Page)
        {
            var end = Math.Min(start + Page, signed.Size);
            var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.Index >= start && e.Index < end)
                .OrderBy(e => e.Index).Select(e => new { e.Index, e.Body }).ToListAsync(ct);
            var leafFrom = new TreeNode(0, start).Key;
            var leafTo = new TreeNode(0, end).Key;
            var leaves = await db.LedgerNodes.AsNoTracking().Where(n => n.Key >= leafFrom && n.Key < leafTo)
                .ToDictionaryAsync(n => n.Key, n => n.Hash, ct);
            var completed = new List<(TreeNode Node, byte[] Hash)>();
            var expected = start;
            foreach (var entry in entries)
            {
                if (entry.Index != expected)
                {
                    Fail(run, expected, "The entry is missing.");
                    return;
                }
                var leaf = Merkle.LeafHash(entry.Body);
                if (!leaves.TryGetValue(new TreeNode(0, entry.Index).Key, out var stored) || !stored.AsSpan().SequenceEqual(leaf))
                {
                    Fail(run, entry.Index, "The entry's bytes no longer hash to the leaf stored for it.");
                    return;
                }
                tree.Append(leaf, (node, hash) =>
                {
                    if (node.Level > 0)
                    {
                        completed.Add((node, hash));
                    }
                });
                expected++;
                while (checkpoints.TryPeek(out var checkpoint) && checkpoint.Size == tree.Size)
                {
                    checkpoints.Dequeue();
                    if (!tree.Root().AsSpan().SequenceEqual(checkpoint.Root))
                    {
                        Fail(run, null, $"The entries recompute to another root than the signed checkpoint of size {checkpoint.Size}.");
                        return;
                    }
                }
            }
            if (expected != end)
            {
                Fail(run, expected, "The entry is missing.");
                return;
            }
            if (await FirstBadNodeAsync(completed, ct) is { } bad)
            {
                Fail(run, bad.Index << bad.Level, $"The stored node at level {bad.Level}, index {bad.Index} differs from the one recomputed from the entries.");
                return;
            }
        }
        if (!tree.Root().AsSpan().SequenceEqual(signed.RootHash))
        {
            Fail(run, null, $"The entries recompute to another root than the signed checkpoint of size {signed.Size}.");
            return;
        }
        await CheckStoredTilesAsync(run, from, ct);
    }

    /// <summary>
    /// Verifiers download the stored full tiles, not the rows: each one that covers an entry from
    /// <paramref name="from"/> on must still be what the (just checked) entries and nodes build.
    /// </summary>
    private async Task CheckStoredTilesAsync(LedgerAuditRun run, long from, CancellationToken ct)
    {
        var levels = await db.LedgerTiles.AsNoTracking().Select(t => t.Level).Distinct().OrderBy(l => l).ToListAsync(ct);
        foreach (var level in levels)
        {
            var entries = level == LedgerTileRecord.EntriesLevel;
            var shift = TilePath.Height * ((entries ? 0 : level) + 1); // entries under one tile: 2^shift
            // A few tiles at a time with their bytes: one read per chunk, and memory stays small on a big log.
            for (var next = from >> shift; ; )
            {
                var chunk = await db.LedgerTiles.AsNoTracking().Where(t => t.Level == level && t.Index >= next)
                    .OrderBy(t => t.Index).Take(TileChunk).Select(t => new { t.Index, t.Bytes }).ToListAsync(ct);
                foreach (var stored in chunk)
                {
                    var tile = new TilePath(entries ? 0 : level, stored.Index, TilePath.FullWidth, entries);
                    if (await tiles.BuildAsync(tile, ct) is not { } built || !built.AsSpan().SequenceEqual(stored.Bytes))
                    {
                        Fail(run, stored.Index << shift, $"The stored {(entries ? "entry bundle" : $"tile at level {level}")}, index {stored.Index}, differs from the one built from the stored {(entries ? "entries" : "nodes")}.");
                        return;
                    }
                }
                if (chunk.Count < TileChunk)
                {
                    break;
                }
                next = chunk[^1].Index + 1;
            }
        }
    }

    /// <summary>The first recomputed interior node whose stored hash is missing or different, in the order the tree completed them.</summary>
    private async Task<TreeNode?> FirstBadNodeAsync(List<(TreeNode Node, byte[] Hash)> completed, CancellationToken ct)
    {
        var keys = completed.Select(c => c.Node.Key).ToList();
        var stored = await db.LedgerNodes.AsNoTracking().Where(n => keys.Contains(n.Key)).ToDictionaryAsync(n => n.Key, n => n.Hash, ct);
        foreach (var (node, hash) in completed)
        {
            if (!stored.TryGetValue(node.Key, out var kept) || !kept.AsSpan().SequenceEqual(hash))
            {
                return node;
            }
        }
        return null;
    }

    private static void Fail(LedgerAuditRun run, long? index, string problem)
    {
        run.Passed = false;
        run.FirstBadIndex = index;
        run.Problem = problem;
    }
}
