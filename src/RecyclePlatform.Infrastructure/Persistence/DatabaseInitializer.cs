using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Seeding;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>Brings the database up to date and, where configuration asks, fills it with demo data.</summary>
public sealed class DatabaseInitializer(
    AppDbContext db, DatabaseOptions options, DemoAccounts demo, DemoDataSeeder seeder,
    ILogger<DatabaseInitializer> logger)
{
    /// <param name="migrate">Apply pending migrations now, whatever Database:MigrateOnStartup says.</param>
    public async Task InitialiseAsync(bool migrate, CancellationToken ct)
    {
        // Nodes starting together on one database take turns: the first migrates and seeds, the
        // others then find nothing left to do (PostgreSQL session lock; SQLite serves one node).
        if (!migrate && !options.MigrateOnStartup && !demo.Enabled)
        {
            return;
        }
        var postgres = options.Provider == DatabaseProvider.Postgres;
        if (postgres)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({StartupLock})", ct);
        }
        try
        {
            await MigrateAndSeedAsync(migrate, ct);
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({StartupLock})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task MigrateAsync(AppDbContext context, CancellationToken ct)
    {
        var pending = (await context.Database.GetPendingMigrationsAsync(ct)).ToList();
        await context.Database.MigrateAsync(ct);
        logger.LogInformation("Database ({Provider}) migrated: {Count} migration(s) applied", options.Provider, pending.Count);
    }

    private const long StartupLock = Application.Common.AdvisoryLockIds.Startup;

    private async Task MigrateAndSeedAsync(bool migrate, CancellationToken ct)
    {
        if (migrate || options.MigrateOnStartup)
        {
            if (options.MigrationsConnectionString is { } owner)
            {
                await using var asOwner = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
                    .UseRecyclePlatform(DatabaseProvider.Postgres, owner).Options);
                await MigrateAsync(asOwner, ct);
                await AppRoleGrants.ApplyAsync(asOwner, options.ConnectionString, ct);
            }
            else
            {
                await MigrateAsync(db, ct);
            }
        }
        if (demo.Enabled)
        {
            await seeder.SeedAsync(ct);
        }
    }
}
