using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.Tests;

namespace RecyclePlatform.IntegrationTests.Persistence;

/// <summary>
/// Deployed as documented, the owner role migrates and the app runs as a role that owns nothing: the
/// app can do all its work, but it cannot rewrite, delete, truncate or unprotect the ledger, or change
/// the schema, whatever a bug or an attacker inside it tries.
/// </summary>
public sealed class LeastPrivilegeTests : IAsyncLifetime
{
    private TestPostgres _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateAsync();
        await using var services = DatabaseFixture.BuildServices(DatabaseProvider.Postgres, _database.AppConnectionString,
            settings: new Dictionary<string, string?> { ["ConnectionStrings:Migrations"] = _database.ConnectionString });
        await using var scope = services.CreateAsyncScope();
        // Migrates as the owner and grants; then seeds the demo data as the app's role.
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitialiseAsync(migrate: true, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task TheAppRole_SequencesAndAudits_TheDemoData()
    {
        await using var services = DatabaseFixture.BuildServices(DatabaseProvider.Postgres, _database.AppConnectionString);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        for (var i = 0; i < 300; i++)
        {
            db.LedgerOutbox.Add(new LedgerOutboxItem
            {
                Kind = Domain.Ledger.LedgerEntryKind.Collected, Subject = $"subject-{i}", Body = System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"),
                CreatedAt = DateTimeOffset.UtcNow,
            });
        }
        await db.SaveChangesAsync();
        var sequencer = scope.ServiceProvider.GetRequiredService<LedgerSequencer>();
        while (await sequencer.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
        var run = await scope.ServiceProvider.GetRequiredService<LedgerSelfAudit>().RunAsync(CancellationToken.None);

        run!.Passed.ShouldBeTrue(run.Problem);
        run.TreeSize.ShouldBe(300);
        (await db.LedgerOutbox.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("ledger_entries")]
    [InlineData("ledger_nodes")]
    [InlineData("ledger_checkpoints")]
    [InlineData("ledger_cosignatures")]
    [InlineData("ledger_mentions")]
    [InlineData("ledger_audit_runs")]
    public async Task TheAppRole_CannotUpdateDeleteTruncateOrUnprotect(string table)
    {
        AppRoleGrants.AppendOnlyTables.ShouldContain(table);
        await using var app = new NpgsqlConnection(_database.AppConnectionString);
        await app.OpenAsync();
        var column = (string)(await Scalar(app, $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position LIMIT 1"))!;

        (await Scalar(app, $"SELECT count(*) FROM {table}")).ShouldBeOfType<long>();
        foreach (var attack in new[]
                 {
                     $"UPDATE {table} SET {column} = {column}",
                     $"DELETE FROM {table}",
                     $"TRUNCATE {table}",
                     $"ALTER TABLE {table} DISABLE TRIGGER ALL",
                     $"DROP TRIGGER {table}_append_only ON {table}",
                     $"ALTER TABLE {table} OWNER TO CURRENT_USER",
                     $"DROP TABLE {table}",
                 })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => Scalar(app, attack));
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, attack);
            // Refused for want of a grant or ownership, before any trigger is asked.
            refused.MessageText.ShouldMatch("^(permission denied|must be owner)", attack);
        }
    }

    [Fact]
    public async Task TheAppRole_CannotChangeTheSchema_OrGrantItselfMore()
    {
        await using var app = new NpgsqlConnection(_database.AppConnectionString);
        await app.OpenAsync();
        foreach (var attack in new[]
                 {
                     "CREATE TABLE shadow_ledger (id int)",
                     "CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                     "ALTER FUNCTION ledger_refuse_change() OWNER TO CURRENT_USER",
                 })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => Scalar(app, attack));
            refused.SqlState.ShouldBeOneOf([PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.DuplicateFunction], attack);
        }
        await Scalar(app, "GRANT UPDATE ON ledger_entries TO CURRENT_USER"); // PostgreSQL only warns: no privileges were granted
        (await Scalar(app, "SELECT has_table_privilege('ledger_entries', 'UPDATE')")).ShouldBe(false);
        (await Scalar(app, "SELECT has_table_privilege('ledger_entries', 'INSERT')")).ShouldBe(true);
        (await Scalar(app, "SELECT has_table_privilege('pickups', 'UPDATE')")).ShouldBe(true);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
