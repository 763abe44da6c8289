using System.Text;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Ledger;

public sealed record CheckpointDto(string Origin, long TreeSize, string RootHash, string SignedNote, DateTimeOffset SignedAt,
    string VerifierKey, bool SignatureValid);

public sealed record LedgerEntryDto(long Index, string Kind, string Subject, string Entry, string LeafHash, DateTimeOffset SequencedAt);

/// <summary>
/// An entry with its inclusion proof against a checkpoint. <see cref="Verified"/> is true when the
/// checkpoint's signature holds and the proof, recomputed from the entry's own bytes, reaches its root.
/// Proof is null while the entry is newer than the latest checkpoint (at most a second or so).
/// </summary>
/// <param name="Checkpoint">The signed checkpoint (a signed note) the proof is against, so a client needs nothing else to check it.</param>
public sealed record ProvenEntryDto(LedgerEntryDto Entry, long TreeSize, string RootHash, IReadOnlyList<string>? Proof, bool Verified, string? Checkpoint = null);

/// <summary>A configured witness and the newest checkpoint it cosigned (none yet: nulls).</summary>
public sealed record WitnessDto(string Name, long? CheckpointSize, DateTimeOffset? CosignedAt);

public sealed record ConsistencyProofDto(long FromSize, long ToSize, string FromRoot, string ToRoot, IReadOnlyList<string> Proof);

public sealed record LedgerPage(IReadOnlyList<LedgerEntryDto> Entries, long? NextBefore);

/// <summary>Everything the public may read from the ledger, with proofs. Hashes are base64, as in checkpoints.</summary>
public sealed class LedgerQueries(IPublicReadDbContext db, ICheckpointSigner signer, WitnessOptions witnesses)
{
    public const int MaxPage = 100;

    public async Task<CheckpointDto?> LatestCheckpointAsync(CancellationToken ct)
    {
        var record = await LatestRecordAsync(ct);
        return record is null ? null : ToDto(record);
    }

    /// <summary>Each configured witness with the newest checkpoint it cosigned.</summary>
    public async Task<IReadOnlyList<WitnessDto>> WitnessesAsync(CancellationToken ct)
    {
        var result = new List<WitnessDto>();
        foreach (var witness in witnesses.Witnesses)
        {
            var newest = await LedgerWitnessing.NewestCosignatureAsync(db, witness.Name, ct);
            result.Add(new WitnessDto(witness.Name, newest?.CheckpointSize, newest?.CosignedAt));
        }
        return result;
    }

    public Task<LedgerAuditRun?> LastAuditAsync(CancellationToken ct) =>
        db.LedgerAuditRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);

    /// <summary>The checkpoint to publish, with its witnesses' cosignatures (<see cref="LedgerWitnessing.WitnessedNoteAsync"/>).</summary>
    public Task<string?> LatestCheckpointNoteAsync(CancellationToken ct) => LedgerWitnessing.WitnessedNoteAsync(db, witnesses, ct);

    public async Task<LedgerPage> RecentAsync(long? before, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPage);
        var query = db.LedgerEntries.AsNoTracking();
        if (before is { } b)
        {
            query = query.Where(e => e.Index < b);
        }
        var rows = await query.OrderByDescending(e => e.Index).Take(limit + 1).ToListAsync(ct);
        var page = rows.Take(limit).Select(ToDto).ToList();
        return new LedgerPage(page, rows.Count > limit ? page[^1].Index : null);
    }

    /// <param name="treeSize">The size of a signed checkpoint to prove against (one a client saved earlier); the latest when null.</param>
    public async Task<ProvenEntryDto> EntryAsync(long index, CancellationToken ct, long? treeSize = null)
    {
        var entry = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Index == index, ct)
            ?? throw new NotFoundException("ledger_entry", index);
        if (treeSize is not { } size)
        {
            return (await ProveAsync([entry], ct))[0];
        }
        var checkpoint = await db.LedgerCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Size == size, ct)
            ?? throw new NotFoundException("checkpoint", size);
        if (index >= size)
        {
            throw new DomainRuleException(Rules.Ledger.EntryAfterCheckpoint);
        }
        return (await ProveAsync([entry], ct, checkpoint))[0];
    }

    /// <summary>Entries about a subject (a pickup's commitment or a lot), oldest first, each proven.</summary>
    public async Task<IReadOnlyList<ProvenEntryDto>> BySubjectAsync(string subject, CancellationToken ct)
    {
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.Subject == subject).OrderBy(e => e.Index).Take(MaxPage).ToListAsync(ct);
        return await ProveAsync(entries, ct);
    }

    /// <summary>Entries about any of the subjects, in index order, each proven.</summary>
    public async Task<IReadOnlyList<ProvenEntryDto>> BySubjectsAsync(IReadOnlyCollection<string> subjects, CancellationToken ct, int limit = MaxPage * 10)
    {
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => subjects.Contains(e.Subject)).OrderBy(e => e.Index).Take(limit).ToListAsync(ct);
        return await ProveAsync(entries, ct);
    }

    /// <summary>The entries a receipt code opens: the code's hash is the pickup's commitment.</summary>
    public async Task<IReadOnlyList<ProvenEntryDto>> ByReceiptCodeAsync(string code, CancellationToken ct)
    {
        if (!DonorCommitment.TryReadReceiptCode(code, out var opening))
        {
            throw new DomainRuleException(Rules.Ledger.ReceiptCodeInvalid);
        }
        // The pickup's own entries, and those of the lots it was sorted into (which name it only inside "pickups").
        var commitment = DonorCommitment.Commitment(opening);
        // From the public log alone (the sorts that name the pickup), so it works after the donor's account is gone too.
        var lots = await (from m in db.LedgerMentions
                          join e in db.LedgerEntries on m.EntryIndex equals e.Index
                          where m.Subject == commitment
                          select e.Subject).Distinct().ToListAsync(ct);
        var entries = await BySubjectsAsync([commitment, .. lots], ct);
        return entries.Count > 0 ? entries : throw new NotFoundException("receipt", code);
    }

    /// <summary>Proof that the tree of <paramref name="toSize"/> (default: the latest checkpoint) extends the one of <paramref name="fromSize"/>.</summary>
    public async Task<ConsistencyProofDto> ConsistencyAsync(long fromSize, long? toSize, CancellationToken ct)
    {
        var latest = await LatestRecordAsync(ct) ?? throw new NotFoundException("checkpoint", "latest");
        var to = toSize ?? latest.Size;
        if (fromSize < 1 || to < fromSize || to > latest.Size)
        {
            throw new DomainRuleException(Rules.Ledger.ConsistencySizes, $"Sizes must satisfy 1 ≤ from ≤ to ≤ {latest.Size}.");
        }
        var proof = await LedgerTree.RangeHashesAsync(db, Merkle.ConsistencyProofRanges(fromSize, to), ct);
        return new ConsistencyProofDto(fromSize, to, B64(await LedgerTree.RootAsync(db, fromSize, ct)), B64(await LedgerTree.RootAsync(db, to, ct)),
            [.. proof.Select(B64)]);
    }

    private async Task<IReadOnlyList<ProvenEntryDto>> ProveAsync(List<LedgerEntryRecord> entries, CancellationToken ct, LedgerCheckpointRecord? against = null)
    {
        var checkpoint = against ?? await LatestRecordAsync(ct);
        // Proofs are checked against the root inside the signed note, not the copy stored beside it.
        var signed = checkpoint is null ? null : SignedCheckpoint(checkpoint.Note);
        // Every proof's ranges in one list, so all the hashes come from a single query however many entries there are.
        var covered = checkpoint is null ? [] : entries.Where(e => e.Index < checkpoint.Size).ToList();
        var ranges = covered.Select(e => Merkle.InclusionProofRanges(e.Index, checkpoint!.Size)).ToList();
        var hashes = await LedgerTree.RangeHashesAsync(db, [.. ranges.SelectMany(r => r)], ct);
        var proofs = new Dictionary<long, List<byte[]>>();
        var at = 0;
        for (var i = 0; i < covered.Count; i++)
        {
            proofs[covered[i].Index] = hashes.GetRange(at, ranges[i].Count);
            at += ranges[i].Count;
        }
        var proven = new List<ProvenEntryDto>(entries.Count);
        foreach (var entry in entries)
        {
            if (checkpoint is null || !proofs.TryGetValue(entry.Index, out var proof))
            {
                proven.Add(new ProvenEntryDto(ToDto(entry), checkpoint?.Size ?? 0, checkpoint is null ? "" : B64(checkpoint.RootHash), null, false));
                continue;
            }
            // Recomputed from the entry's own bytes, not from the stored leaf hash.
            var verified = signed is not null && signed.Size == checkpoint.Size
                && Merkle.VerifyInclusion(entry.Index, signed.Size, Merkle.LeafHash(entry.Body), proof, signed.RootHash);
            proven.Add(new ProvenEntryDto(ToDto(entry), checkpoint.Size, B64(checkpoint.RootHash), [.. proof.Select(B64)], verified, checkpoint.Note));
        }
        return proven;
    }

    private bool SignatureValid(string note) => SignedCheckpoint(note) is not null;

    /// <summary>The checkpoint inside a note whose signature by our key holds; null otherwise.</summary>
    public Checkpoint? SignedCheckpoint(string note) => SignedCheckpoints.Open(note, signer.KeyName, signer.PublicKey, signer.Verify);

    private Task<LedgerCheckpointRecord?> LatestRecordAsync(CancellationToken ct) =>
        db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(ct);

    private CheckpointDto ToDto(LedgerCheckpointRecord record) =>
        new(signer.KeyName, record.Size, B64(record.RootHash), record.Note, record.SignedAt, signer.VerifierKey, SignatureValid(record.Note));

    private static LedgerEntryDto ToDto(LedgerEntryRecord e) =>
        new(e.Index, CustodyEntry.KindName(e.Kind), e.Subject, Encoding.UTF8.GetString(e.Body), B64(Merkle.LeafHash(e.Body)), e.SequencedAt);

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);
}
