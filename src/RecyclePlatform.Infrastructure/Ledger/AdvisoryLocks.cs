using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Infrastructure.Persistence;

namespace RecyclePlatform.Infrastructure.Ledger;

/// <summary>
/// PostgreSQL: pg_try_advisory_xact_lock, held until the transaction ends. SQLite has a single
/// writer and serves one node only, so the lock is always granted there.
/// </summary>
internal sealed class AdvisoryLocks(AppDbContext db, DatabaseOptions database) : IAdvisoryLocks
{
    public async Task<bool> TryLockForTransactionAsync(long lockId, CancellationToken ct)
    {
        RequireTransaction();
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return true;
        }
        return await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({lockId}) AS \"Value\"").SingleAsync(ct);
    }

    public async Task LockForTransactionAsync(long lockId, CancellationToken ct)
    {
        RequireTransaction();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Every keyed booking waits here first: past EF's command pipeline (docs/performance.md).
            await DirectSql.ExecuteAsync(db, "SELECT pg_advisory_xact_lock($1)", [(lockId, null)], ct);
        }
    }

    private void RequireTransaction()
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An advisory lock for a transaction needs an open transaction.");
        }
    }
}
