using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Ledger;

/// <summary>
/// The only writer of the log. Each round, in one transaction under a cluster-wide advisory lock:
/// take a batch from the outbox in id order, give each entry the next index, store its leaf hash and
/// every node it completes, delete the batch from the outbox and, when the last checkpoint is at
/// least <see cref="LedgerOptions.CheckpointInterval"/> old, sign a new one. A crash anywhere rolls
/// the whole round back, so an entry is appended exactly once; a second node finds the lock taken
/// and waits for the next round, so the log never forks.
/// Before it signs, it proves from the stored nodes that the new tree extends the last signed one
/// (an RFC 9162 consistency proof, verified against the signed root), and it refuses to append to a
/// log that is shorter than its last checkpoint: a <see cref="LedgerInconsistentException"/> rolls the
/// round back, so a tampered tree is never signed.
/// </summary>
public sealed class LedgerSequencer(IAppDbContext db, IAdvisoryLocks locks, ICheckpointSigner signer, ILedgerTiles tiles, LedgerOptions options, TimeProvider time)
{
    /// <summary>For the metrics: entries in the log, facts waiting, and when the oldest waiting one was recorded.</summary>
    public async Task<(long Entries, long Pending, DateTimeOffset? OldestPending)> BacklogAsync(CancellationToken ct)
    {
        var entries = await LedgerTree.SizeAsync(db, ct);
        var pending = await db.LedgerOutbox.LongCountAsync(ct);
        var oldest = pending == 0 ? null
            : await db.LedgerOutbox.AsNoTracking().OrderBy(o => o.Id).Select(o => (DateTimeOffset?)o.CreatedAt).FirstOrDefaultAsync(ct);
        return (entries, pending, oldest);
    }

    /// <returns>How many entries this round appended (0 also when another node holds the lock).</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await locks.TryLockForTransactionAsync(AdvisoryLockIds.LedgerSequencer, ct))
        {
            return 0;
        }
        var last = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(ct);
        var size = await LedgerTree.SizeAsync(db, ct);
        if (last is not null && size < last.Size)
        {
            throw new LedgerInconsistentException(
                $"The log holds {size} entries but its checkpoint of size {last.Size} was signed: entry {size} and after are missing.");
        }
        var batch = await db.LedgerOutbox.AsNoTracking().OrderBy(o => o.Id).Take(options.BatchSize).ToListAsync(ct);
        var tree = await LedgerTree.LoadFrontierAsync(db, size, ct);
        var now = time.GetUtcNow();
        foreach (var item in batch)
        {
            var index = tree.Size;
            tree.Append(Merkle.LeafHash(item.Body), (node, hash) => db.LedgerNodes.Add(new LedgerNodeRecord { Key = node.Key, Hash = hash }));
            db.LedgerEntries.Add(new LedgerEntryRecord
            {
                Index = index,
                Kind = item.Kind,
                Subject = item.Subject,
                Body = item.Body,
                OutboxId = item.Id,
                SequencedAt = now,
            });
            foreach (var mentioned in Mentions(item))
            {
                db.LedgerMentions.Add(new LedgerMentionRecord { Subject = mentioned, EntryIndex = index });
            }
        }
        if (batch.Count > 0)
        {
            var ids = batch.Select(b => b.Id).ToList();
            await db.LedgerOutbox.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync(ct);
        }
        if (last is null || (tree.Size > last.Size && now - last.SignedAt >= options.CheckpointInterval))
        {
            await db.SaveChangesAsync(ct); // this round's nodes, so that the proof below reads them
            var root = tree.Root();
            if (last is { Size: > 0 })
            {
                await RequireConsistentAsync(last, tree.Size, root, ct); // every tree extends the empty one
            }
            db.LedgerCheckpoints.Add(Sign(tree.Size, root, now));
        }
        await db.SaveChangesAsync(ct);
        await tiles.StoreFilledAsync(size, tree.Size, ct);
        await transaction.CommitAsync(ct);
        return batch.Count;
    }

    /// <summary>
    /// The new tree must contain the last signed one: a consistency proof built from the stored nodes
    /// must lead from the signed root to the new root. A rewritten entry, a corrupted node on the right
    /// edge or under a proof path makes it fail.
    /// </summary>
    private async Task RequireConsistentAsync(LedgerCheckpointRecord last, long size, byte[] root, CancellationToken ct)
    {
        var proof = await LedgerTree.RangeHashesAsync(db, Merkle.ConsistencyProofRanges(last.Size, size), ct);
        if (!Merkle.VerifyConsistency(last.Size, size, last.RootHash, root, proof))
        {
            throw new LedgerInconsistentException(
                $"The stored tree of size {size} is not consistent with the signed checkpoint of size {last.Size}: nothing was signed.");
        }
    }

    /// <summary>The pickups a sort names (see <see cref="LedgerMentionRecord"/>).</summary>
    private static IEnumerable<string> Mentions(LedgerOutboxItem item) =>
        item.Kind != LedgerEntryKind.Sorted || System.Text.Json.Nodes.JsonNode.Parse(item.Body)?["pickups"] is not System.Text.Json.Nodes.JsonArray pickups
            ? []
            : pickups.Select(p => p!.GetValue<string>()).Distinct();

    private LedgerCheckpointRecord Sign(long size, byte[] root, DateTimeOffset now)
    {
        var checkpoint = new Checkpoint(signer.KeyName, size, root);
        var text = checkpoint.Body;
        var note = SignedNote.Format(text, signer.SignCheckpoint(text));
        return new LedgerCheckpointRecord { Size = size, RootHash = root, Note = note, SignedAt = now };
    }
}
