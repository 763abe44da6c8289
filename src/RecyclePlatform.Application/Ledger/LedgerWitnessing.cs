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

/// <summary>A checkpoint size a witness cosigned, and when.</summary>
public sealed record CosignedSize(long CheckpointSize, DateTimeOffset CosignedAt);

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

/// <summary>
/// Each witness's last problem on this node (null: it cosigned), so that a refusal is logged when it
/// starts and when it ends rather than every round, and a witness that keeps failing is asked less
/// and less often (2, 4, 8 … seconds, at most 5 minutes) instead of every round.
/// </summary>
public sealed class WitnessStatus
{
    private sealed record State(string? Problem, int Failures, DateTimeOffset At);

    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>False while a failing witness is in its pause.</summary>
    public bool Due(string witness, DateTimeOffset now) =>
        !_states.TryGetValue(witness, out var state) || state.Failures == 0
        || now - state.At >= TimeSpan.FromSeconds(Math.Min(Math.Pow(2, state.Failures), MaxPause.TotalSeconds));

    /// <returns>Whether this changes what is known about the witness.</returns>
    public bool Record(string witness, string? problem, DateTimeOffset now)
    {
        var known = _states.TryGetValue(witness, out var before);
        _states[witness] = new State(problem, problem is null ? 0 : (before?.Failures ?? 0) + 1, now);
        return problem is null ? known && before!.Problem is not null : !known || before!.Problem != problem;
    }
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
    WitnessStatus status, TimeProvider time, ILogger<LedgerWitnessing> logger)
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
            var last = await NewestCosignatureAsync(db, witness.Name, ct);
            var now = time.GetUtcNow();
            if ((last is not null && last.CheckpointSize == latest.Size && now - last.CosignedAt < options.Refresh) || !status.Due(witness.Name, now))
            {
                continue;
            }
            var answer = last is not null && last.CheckpointSize > latest.Size
                ? new WitnessAnswer.OtherSize(last.CheckpointSize) // it cosigned more than the log now holds
                : await SubmitAsync(witness, last?.CheckpointSize ?? 0, latest, ct);
            if (answer is WitnessAnswer.OtherSize { WitnessSize: var size } && size <= latest.Size
                && (size == 0 || await db.LedgerCheckpoints.AnyAsync(c => c.Size == size, ct)))
            {
                // The witness lost our last submission, or another node's reached it first: prove from its size.
                answer = await SubmitAsync(witness, size, latest, ct);
            }
            if (answer is WitnessAnswer.Cosigned cosigned)
            {
                foreach (var (at, line) in cosigned.Cosignatures)
                {
                    db.LedgerCosignatures.Add(new LedgerCosignatureRecord { CheckpointSize = latest.Size, Witness = witness.Name, CosignedAt = at, Line = line });
                    stored++;
                }
                if (status.Record(witness.Name, null, now))
                {
                    logger.LogInformation("Witness {Witness} cosigns again (checkpoint {Size})", witness.Name, latest.Size);
                }
                continue;
            }
            var problem = answer switch
            {
                WitnessAnswer.OtherSize other when other.WitnessSize > latest.Size =>
                    $"it has cosigned a tree of {other.WitnessSize} entries, larger than this log's {latest.Size}: the log was rolled back",
                WitnessAnswer.OtherSize other => $"it has cosigned size {other.WitnessSize}, for which this log holds no checkpoint",
                WitnessAnswer.Refused refused => refused.Reason,
                _ => "unexpected answer",
            };
            // Once per problem, not once per round: a witness that is down stays down for a while.
            if (status.Record(witness.Name, problem, now))
            {
                logger.Log(answer is WitnessAnswer.OtherSize ? LogLevel.Critical : LogLevel.Warning,
                    "Witness {Witness} did not cosign checkpoint {Size}: {Problem}", witness.Name, latest.Size, problem);
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

    /// <summary>The largest checkpoint a witness cosigned and its newest cosignature of it; null when it has cosigned none.</summary>
    public static Task<CosignedSize?> NewestCosignatureAsync(IAppDbContext db, string witness, CancellationToken ct) =>
        db.LedgerCosignatures.AsNoTracking().Where(c => c.Witness == witness)
            .OrderByDescending(c => c.CheckpointSize).ThenByDescending(c => c.CosignedAt)
            .Select(c => new CosignedSize(c.CheckpointSize, c.CosignedAt))
            .FirstOrDefaultAsync(ct);

    private static string OriginOf(string note) => note[..note.IndexOf('\n', StringComparison.Ordinal)];

    /// <summary>
    /// The checkpoint to publish: the newest one that at least <see cref="WitnessOptions.Quorum"/> configured
    /// witnesses have cosigned, with the newest cosignature of each appended; the newest checkpoint
    /// when none has (a new log, or no witnesses configured).
    /// </summary>
    public static async Task<string?> WitnessedNoteAsync(IAppDbContext db, WitnessOptions options, CancellationToken ct)
    {
        var checkpoint = await PublishedCheckpointAsync(db, options, ct);
        if (checkpoint is null)
        {
            return null;
        }
        var names = options.Witnesses.Select(w => w.Name).ToList();
        var lines = await db.LedgerCosignatures.AsNoTracking()
            .Where(c => c.CheckpointSize == checkpoint.Size && names.Contains(c.Witness))
            .OrderBy(c => c.Witness).ThenByDescending(c => c.CosignedAt)
            .Select(c => new { c.Witness, c.Line }).ToListAsync(ct);
        return checkpoint.Note + string.Concat(lines.DistinctBy(l => l.Witness).Select(l => l.Line));
    }

    /// <summary>
    /// The checkpoint /ledger/checkpoint serves (see <see cref="WitnessedNoteAsync"/>): public totals are computed
    /// at it, so that a verifier who trusts only witnessed checkpoints can recompute them.
    /// </summary>
    public static async Task<LedgerCheckpointRecord?> PublishedCheckpointAsync(IAppDbContext db, WitnessOptions options, CancellationToken ct)
    {
        var names = options.Witnesses.Select(w => w.Name).ToList();
        long? size = null;
        // Each round submits one checkpoint to every witness, so the sizes the witnesses cosigned last
        // are the candidates: the largest of them that enough witnesses have cosigned. A few indexed
        // reads, however long the table of cosignatures grows.
        var newest = new List<long>();
        foreach (var name in names)
        {
            if (await NewestCosignatureAsync(db, name, ct) is { } last)
            {
                newest.Add(last.CheckpointSize);
            }
        }
        foreach (var candidate in newest.Distinct().OrderDescending())
        {
            var cosigners = await db.LedgerCosignatures.AsNoTracking().Where(c => c.CheckpointSize == candidate && names.Contains(c.Witness))
                .Select(c => c.Witness).Distinct().CountAsync(ct);
            if (cosigners >= options.Quorum)
            {
                size = candidate;
                break;
            }
        }
        return size is { } witnessed
            ? await db.LedgerCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Size == witnessed, ct)
            : await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(ct);
    }
}
