using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Ledger;

/// <summary>
/// Recomputes the whole tree from the stored entries and compares: every entry's leaf hash with
/// the stored one, indexes without gaps, and the recomputed root with the latest signed
/// checkpoint. The first disagreement is named by index, logged as critical and kept as a run.
/// </summary>
public sealed class LedgerSelfAudit(IAppDbContext db, IAdvisoryLocks locks, LedgerQueries queries, TimeProvider time, ILogger<LedgerSelfAudit> logger)
{
    private const int Page = 10_000;

    /// <returns>The run, or null when another node is auditing right now.</returns>
    public async Task<LedgerAuditRun?> RunAsync(CancellationToken ct)
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
            logger.LogInformation("Ledger self-audit passed: {Size} entries recomputed", run.TreeSize);
        }
        else
        {
            logger.LogCritical("LEDGER SELF-AUDIT FAILED at index {Index}: {Problem}", run.FirstBadIndex, run.Problem);
        }
        return run;
    }

    private async Task CompareAsync(LedgerAuditRun run, Checkpoint signed, CancellationToken ct)
    {
        var tree = new CompactRange();
        for (long start = 0; start < signed.Size; start += Page)
        {
            var end = Math.Min(start + Page, signed.Size);
            var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.Index >= start && e.Index < end)
                .OrderBy(e => e.Index).Select(e => new { e.Index, e.Body }).ToListAsync(ct);
            var leafFrom = new TreeNode(0, start).Key;
            var leafTo = new TreeNode(0, end).Key;
            var leaves = await db.LedgerNodes.AsNoTracking().Where(n => n.Key >= leafFrom && n.Key < leafTo)
                .ToDictionaryAsync(n => n.Key, n => n.Hash, ct);
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
                tree.Append(leaf);
                expected++;
            }
            if (expected != end)
            {
                Fail(run, expected, "The entry is missing.");
                return;
            }
        }
        if (!tree.Root().AsSpan().SequenceEqual(signed.RootHash))
        {
            Fail(run, null, $"The entries recompute to another root than the signed checkpoint of size {signed.Size}.");
        }
    }

    private static void Fail(LedgerAuditRun run, long? index, string problem)
    {
        run.Passed = false;
        run.FirstBadIndex = index;
        run.Problem = problem;
    }
}
