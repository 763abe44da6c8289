using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Ledger;

/// <summary>
/// An entry written in the same transaction as the business change it records, waiting for the
/// sequencer to give it an index. Deleted by the sequencer in the transaction that appends it.
/// </summary>
public sealed class LedgerOutboxItem
{
    public long Id { get; init; }
    public LedgerEntryKind Kind { get; init; }
    public required string Subject { get; init; }
    public required byte[] Body { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A sequenced entry. The table refuses UPDATE and DELETE (a database trigger).</summary>
public sealed class LedgerEntryRecord
{
    public long Index { get; init; }
    public LedgerEntryKind Kind { get; init; }
    public required string Subject { get; init; }
    public required byte[] Body { get; init; }

    /// <summary>Unique: an outbox item can never be appended twice.</summary>
    public long OutboxId { get; init; }

    public DateTimeOffset SequencedAt { get; init; }
}

/// <summary>
/// Another subject an entry names besides its own: a sort's entry (subject: the lot) names each
/// pickup's commitment in "pickups". Derived from the public entry alone, so it holds nothing the
/// log does not; it lets a receipt code find the lots its pickup went into, even after the donor's
/// account (and with it the platform's own link) is gone.
/// </summary>
public sealed class LedgerMentionRecord
{
    public required string Subject { get; init; }
    public long EntryIndex { get; init; }
}

/// <summary>The hash of one perfect subtree (<see cref="TreeNode.Key"/>); level 0 holds the leaf hashes.</summary>
public sealed class LedgerNodeRecord
{
    public long Key { get; init; }
    public required byte[] Hash { get; init; }
}

/// <summary>
/// A full tile (256 hashes) or entry bundle (256 entries), stored as the bytes it is served as. Full
/// tiles never change, so they are built once, by the sequencer when they fill (or on first read for a
/// log older than this table), and a verifier's download is then one primary-key read per tile.
/// </summary>
public sealed class LedgerTileRecord
{
    /// <summary>The tile level; <see cref="EntriesLevel"/> for an entry bundle.</summary>
    public short Level { get; init; }

    public long Index { get; init; }
    public required byte[] Bytes { get; init; }

    public const short EntriesLevel = -1;
}

/// <summary>A signed checkpoint (C2SP signed-note), one per tree size it was signed at.</summary>
public sealed class LedgerCheckpointRecord
{
    public long Size { get; init; }
    public required byte[] RootHash { get; init; }
    public required string Note { get; init; }
    public DateTimeOffset SignedAt { get; init; }
}

/// <summary>
/// A witness's cosignature (C2SP tlog-cosignature) of a signed checkpoint, as the witness sent it and
/// the log verified it. A witness cosigns the same checkpoint again every few minutes to show it is
/// still the latest; each one is kept, so the table records how fresh the log was at any time.
/// </summary>
public sealed class LedgerCosignatureRecord
{
    public long Id { get; init; }
    public long CheckpointSize { get; init; }

    /// <summary>The witness's key name.</summary>
    public required string Witness { get; init; }

    /// <summary>The time the witness signed into the cosignature.</summary>
    public DateTimeOffset CosignedAt { get; init; }

    /// <summary>The signature line "— name base64(key id ‖ timestamp ‖ signature)" with its newline.</summary>
    public required string Line { get; init; }
}

/// <summary>The donor's secret salt for commitments. Deleted with the account, which unlinks the donor.</summary>
public sealed class DonorLedgerSalt
{
    public Guid UserId { get; init; }
    public required byte[] Salt { get; init; }
}

/// <summary>One run of the scheduled self-audit and what it found.</summary>
public sealed class LedgerAuditRun
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; set; }

    /// <summary>0 for a full audit; for an incremental one, the size the last passed audit reached.</summary>
    public long FromSize { get; set; }

    public long TreeSize { get; set; }
    public bool Passed { get; set; }
    public long? FirstBadIndex { get; set; }
    public string? Problem { get; set; }
}
