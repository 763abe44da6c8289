using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Ledger;

/// <summary>A witness the log submits its checkpoints to: where it listens, and its cosigning key.</summary>
public sealed record WitnessEndpoint(Uri Url, string Name, byte[] PublicKey);

/// <param name="Quorum">How many witnesses must have cosigned a checkpoint before /ledger/checkpoint serves it.</param>
/// <param name="Refresh">A witness cosigns the latest checkpoint again after this long, even with no new entries.</param>
public sealed record WitnessOptions(IReadOnlyList<WitnessEndpoint> Witnesses, int Quorum, TimeSpan Refresh, TimeSpan Poll);

/// <summary>What a witness answered to add-checkpoint (C2SP tlog-witness).</summary>
public abstract record WitnessAnswer
{
    /// <summary>200 with at least one cosignature line that verifies with the witness's key.</summary>
    public sealed record Cosigned(IReadOnlyList<(DateTimeOffset At, string Line)> Cosignatures) : WitnessAnswer;

    /// <summary>409 text/x.tlog.size: the witness's last cosigned size is not the old size sent.</summary>
    public sealed record OtherSize(long WitnessSize) : WitnessAnswer;

    /// <summary>Anything else: a refusal (403, 404, 409 same size other root, 422) or no answer at all.</summary>
    public sealed record Refused(string Reason) : WitnessAnswer;
}

/// <summary>Talks C2SP tlog-witness over HTTP and verifies what comes back. Implemented in Infrastructure.</summary>
public interface IWitnessClient
{
    Task<WitnessAnswer> AddCheckpointAsync(WitnessEndpoint witness, AddCheckpointRequest request, string checkpointBody, CancellationToken ct);
}

/// <summary>
/// Asks every configured witness to cosign the latest signed checkpoint, with a consistency proof from
/// the last checkpoint that witness cosigned, and keeps the cosignatures. Runs on every node; an
/// advisory lock lets one at a time talk to the witnesses. A witness that has seen a larger tree than
/// this log holds means the log was rolled back: that is logged as critical.
/// </summary>
public sealed class LedgerWitnessing(IAppDbContext db, IAdvisoryLocks locks, IWitnessClient client, WitnessOptions options,
    TimeProvider time, ILogger<LedgerWitnessing> logger)
{
    /// <returns>How many cosignatures this round stored.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (options.Witnesses.Count == 0)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await locks.TryLockForTransactionAsync(AdvisoryLockIds.LedgerWitnesses, ct))
        {
            return 0;
        }
        var latest = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return 0;
        }
        var stored = 0;
        foreach (var witness in options.Witnesses)
        {
            var last = await db.LedgerCosignatures.AsNoTracking().Where(c => c.Witness == witness.Name)
                .OrderByDescending(c => c.CheckpointSize).ThenByDescending(c => c.CosignedAt)
                .Select(c => new { c.CheckpointSize, c.CosignedAt }).FirstOrDefaultAsync(ct);
            if (last is not null && last.CheckpointSize == latest.Size && time.GetUtcNow() - last.CosignedAt < options.Refresh)
            {
                continue;
            }
            var answer = await SubmitAsync(witness, last?.CheckpointSize ?? 0, latest, ct);
            if (answer is WitnessAnswer.OtherSize { WitnessSize: var size } && size <= latest.Size
                && (size == 0 || await db.LedgerCheckpoints.AnyAsync(c => c.Size == size, ct)))
            {
                // The witness lost our last submission, or another node's reached it first: prove from its size.
                answer = await SubmitAsync(witness, size, latest, ct);
            }
            switch (answer)
            {
                case WitnessAnswer.Cosigned cosigned:
                    foreach (var (at, line) in cosigned.Cosignatures)
                    {
                        db.LedgerCosignatures.Add(new LedgerCosignatureRecord { CheckpointSize = latest.Size, Witness = witness.Name, CosignedAt = at, Line = line });
                        stored++;
                    }
                    break;
                case WitnessAnswer.OtherSize other when other.WitnessSize > latest.Size:
                    logger.LogCritical("Witness {Witness} has cosigned a tree of {WitnessSize} entries, larger than this log's {Size}: the log was rolled back",
                        witness.Name, other.WitnessSize, latest.Size);
                    break;
                case WitnessAnswer.OtherSize other:
                    logger.LogError("Witness {Witness} has cosigned size {WitnessSize}, for which this log holds no checkpoint", witness.Name, other.WitnessSize);
                    break;
                case WitnessAnswer.Refused refused:
                    logger.LogWarning("Witness {Witness} did not cosign checkpoint {Size}: {Reason}", witness.Name, latest.Size, refused.Reason);
                    break;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return stored;
    }

    private async Task<WitnessAnswer> SubmitAsync(WitnessEndpoint witness, long oldSize, LedgerCheckpointRecord latest, CancellationToken ct)
    {
        var proof = oldSize > 0 && oldSize < latest.Size
            ? await LedgerTree.RangeHashesAsync(db, Merkle.ConsistencyProofRanges(oldSize, latest.Size), ct)
            : [];
        var body = new Checkpoint(OriginOf(latest.Note), latest.Size, latest.RootHash).Body;
        return await client.AddCheckpointAsync(witness, new AddCheckpointRequest(oldSize, proof, latest.Note), body, ct);
    }

    private static string OriginOf(string note) => note[..note.IndexOf('\n', StringComparison.Ordinal)];

    /// <summary>
    /// The checkpoint to publish: the newest one that at least <see cref="WitnessOptions.Quorum"/> configured
    /// witnesses have cosigned, with the newest cosignature of each appended; the newest checkpoint
    /// when none has (a new log, or no witnesses configured).
    /// </summary>
    public static async Task<string?> WitnessedNoteAsync(IAppDbContext db, WitnessOptions options, CancellationToken ct)
    {
        var names = options.Witnesses.Select(w => w.Name).ToList();
        long? size = null;
        if (names.Count > 0)
        {
            size = await db.LedgerCosignatures.AsNoTracking().Where(c => names.Contains(c.Witness))
                .GroupBy(c => c.CheckpointSize)
                .Where(g => g.Select(c => c.Witness).Distinct().Count() >= options.Quorum)
                .MaxAsync(g => (long?)g.Key, ct);
        }
        var checkpoint = size is { } witnessed
            ? await db.LedgerCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Size == witnessed, ct)
            : await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(ct);
        if (checkpoint is null)
        {
            return null;
        }
        var lines = await db.LedgerCosignatures.AsNoTracking()
            .Where(c => c.CheckpointSize == checkpoint.Size && names.Contains(c.Witness))
            .OrderBy(c => c.Witness).ThenByDescending(c => c.CosignedAt)
            .Select(c => new { c.Witness, c.Line }).ToListAsync(ct);
        return checkpoint.Note + string.Concat(lines.DistinctBy(l => l.Witness).Select(l => l.Line));
    }
}
