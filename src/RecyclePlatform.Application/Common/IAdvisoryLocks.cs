namespace RecyclePlatform.Application.Common;

/// <summary>
/// Cluster-wide locks for work only one node may do at a time (the ledger sequencer, scheduled
/// jobs): PostgreSQL advisory locks, released when the caller's transaction ends.
/// </summary>
public interface IAdvisoryLocks
{
    /// <summary>True when this transaction now holds the lock; false when another one does. Needs an open transaction.</summary>
    Task<bool> TryLockForTransactionAsync(long lockId, CancellationToken ct);

    /// <summary>Waits until this transaction holds the lock. Needs an open transaction.</summary>
    Task LockForTransactionAsync(long lockId, CancellationToken ct);
}

/// <summary>The lock ids in use, in one place so two jobs never share one by accident.</summary>
public static class AdvisoryLockIds
{
    public const long LedgerSequencer = 0x5250_4C45_4447_0001; // "RPLEDG" 1
    public const long LedgerAudit = 0x5250_4C45_4447_0002;
    public const long LedgerWitnesses = 0x5250_4C45_4447_0003;
    public const long ImpactFactors = 0x5250_494D_5041_0001; // "RPIMPA" 1: factor table versions in order
    public const long Startup = 0x5250_5354_5254_0001; // "RPSTRT" 1: migration and demo data, one node at a time
}
