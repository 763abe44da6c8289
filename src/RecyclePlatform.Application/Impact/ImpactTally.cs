using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.Application.Impact;

/// <summary>The signed checkpoint public totals were computed at: anyone can recompute them from its first <see cref="Size"/> entries.</summary>
public sealed record ImpactCheckpoint(long Size, byte[] RootHash, DateTimeOffset SignedAt);

/// <summary>
/// This node's running fold of the ledger (<see cref="ImpactFold"/>), kept up to the checkpoint
/// <c>/ledger/checkpoint</c> serves (the newest a quorum of witnesses cosigned, else the newest) by <see cref="CatchUpAsync"/> (a background loop on every node, ~once a second). Pages read
/// totals from memory under a lock, so a campaign page costs the same at a million entries as at ten.
/// Totals are only shown when the fold stands exactly at a checkpoint: that is the size the page names.
/// </summary>
public sealed class ImpactTally(Ledger.WitnessOptions witnesses) : IDisposable
{
    /// <summary>Entries read per query; a new node folds the whole log in batches of this size.</summary>
    public const int BatchSize = 5_000;

    private readonly ImpactFold _fold = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _folding = new(1, 1);
    private ImpactCheckpoint? _checkpoint;

    /// <summary>
    /// Reads under the lock. <paramref name="read"/> gets null until the fold has reached a checkpoint
    /// (a node that has just started and is folding the log), then the fold and the checkpoint it is at.
    /// </summary>
    public T Read<T>(Func<ImpactFold?, ImpactCheckpoint?, T> read)
    {
        lock (_gate)
        {
            return _checkpoint is { } at && at.Size == _fold.Size ? read(_fold, at) : read(null, null);
        }
    }

    public void Dispose() => _folding.Dispose();

    /// <returns>How many entries were folded.</returns>
    public async Task<long> CatchUpAsync(IAppDbContext db, CancellationToken ct)
    {
        await _folding.WaitAsync(ct);
        try
        {
            // The checkpoint verifiers are served (witnessed by a quorum, when witnesses are configured).
            var latest = await Ledger.LedgerWitnessing.PublishedCheckpointAsync(db, witnesses, ct);
            if (latest is null || (latest.Size == _fold.Size && _checkpoint?.Size == latest.Size))
            {
                return 0;
            }
            var start = _fold.Size;
            while (_fold.Size < latest.Size)
            {
                var from = _fold.Size;
                var to = Math.Min(latest.Size, from + BatchSize);
                var rows = await db.LedgerEntries.AsNoTracking().Where(e => e.Index >= from && e.Index < to).OrderBy(e => e.Index)
                    .Select(e => new { e.Index, e.Body }).ToListAsync(ct);
                if (rows.Count != to - from)
                {
                    throw new InvalidOperationException($"The log holds {rows.Count} of entries {from} to {to - 1} below its signed size {latest.Size}.");
                }
                lock (_gate)
                {
                    _fold.Fold(rows.Select(r => (r.Index, r.Body)));
                    if (_fold.Size == latest.Size)
                    {
                        _checkpoint = new ImpactCheckpoint(latest.Size, latest.RootHash, latest.SignedAt);
                    }
                }
            }
            if (_fold.Size == latest.Size)
            {
                // Also a log with nothing to fold (the empty tree's checkpoint, or a new checkpoint of the same size).
                lock (_gate)
                {
                    _checkpoint = new ImpactCheckpoint(latest.Size, latest.RootHash, latest.SignedAt);
                }
            }
            return _fold.Size - start;
        }
        finally
        {
            _folding.Release();
        }
    }
}
