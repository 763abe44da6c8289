using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Infrastructure.Persistence;

namespace RecyclePlatform.Infrastructure.Ledger;

/// <summary>
/// "Insert the salt unless there is one" as one statement, so that concurrent first collections
/// of one donor never fail on each other. Both databases speak ON CONFLICT DO NOTHING; SQLite
/// keeps EF's Guids as upper-case text.
/// </summary>
internal sealed class DonorSalts(AppDbContext db, DatabaseOptions database) : IDonorSalts
{
    public async Task<byte[]> EnsureAsync(Guid userId, CancellationToken ct)
    {
        if (await SaltAsync(userId, ct) is { } existing)
        {
            return existing;
        }
        var salt = DonorCommitment.NewSalt();
        object id = database.Provider == DatabaseProvider.Postgres ? userId : userId.ToString("D").ToUpperInvariant();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO donor_ledger_salts (user_id, salt) VALUES ({id}, {salt}) ON CONFLICT (user_id) DO NOTHING", ct);
        return await SaltAsync(userId, ct) ?? throw new InvalidOperationException("The donor's salt was not stored.");
    }

    private Task<byte[]?> SaltAsync(Guid userId, CancellationToken ct) =>
        db.DonorLedgerSalts.AsNoTracking().Where(s => s.UserId == userId).Select(s => s.Salt).SingleOrDefaultAsync(ct);
}
