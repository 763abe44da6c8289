namespace RecyclePlatform.Application.Ledger;

/// <summary>The log's Ed25519 key. Implemented in Infrastructure with a real library.</summary>
public interface ICheckpointSigner
{
    /// <summary>The key's name in signed notes; also the checkpoint's origin line.</summary>
    string KeyName { get; }

    byte[] PublicKey { get; }

    /// <summary>"name+id+key", the form transparency-log clients configure.</summary>
    string VerifierKey { get; }

    byte[] Sign(byte[] message);

    bool Verify(byte[] message, byte[] signature);

    /// <summary>
    /// The signature lines of a checkpoint: by this key and, during a key rotation, also by the next
    /// key (Ledger:NextSigningKey), so that verifiers holding either key accept it.
    /// </summary>
    IReadOnlyList<Domain.Ledger.NoteSignature> SignCheckpoint(string checkpointBody);
}

/// <summary>
/// Reads tlog-tiles tiles: the hashes at level 8×L, or the entries each prefixed with a big-endian
/// 16-bit length. Null when the tile does not (yet) hold <see cref="Domain.Ledger.TilePath.Width"/> items.
/// Full tiles are served from <see cref="LedgerTileRecord"/>s. In Infrastructure, because the fast way
/// to build a tile is the database's own.
/// </summary>
public interface ILedgerTiles
{
    Task<byte[]?> ReadAsync(Domain.Ledger.TilePath tile, CancellationToken ct);

    /// <summary>Builds a tile from the stored entries or nodes, ignoring any stored copy.</summary>
    Task<byte[]?> BuildAsync(Domain.Ledger.TilePath tile, CancellationToken ct);

    /// <summary>Stores every tile and bundle that became full when the log grew from <paramref name="oldSize"/> to <paramref name="newSize"/>.</summary>
    Task StoreFilledAsync(long oldSize, long newSize, CancellationToken ct);
}

/// <summary>Settings of the ledger's background work.</summary>
public sealed record LedgerOptions(
    int BatchSize,
    TimeSpan PollInterval,
    TimeSpan CheckpointInterval,
    TimeSpan AuditInterval,
    TimeSpan FullAuditInterval,
    bool SequencerEnabled,
    bool AuditEnabled);
