using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.IntegrationTests.Persistence;

/// <summary>
/// Each provider's migrations build exactly the current model. A model change without a
/// migration fails here (and so fails CI) for either provider.
/// </summary>
public abstract class MigrationTests(DatabaseFixture fixture)
{
    [Fact]
    public void Model_HasNoChangesWithoutAMigration()
    {
        using var db = fixture.CreateContext();

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            $"run `dotnet ef migrations add <Name> --context {db.GetType().Name}` (see docs/architecture.md)");
    }

    [Fact]
    public async Task EveryMigration_IsApplied()
    {
        await using var db = fixture.CreateContext();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
    }

    [Fact]
    public async Task Roles_ComeWithTheSchema()
    {
        await using var db = fixture.CreateContext();

        var roles = await db.Roles.Select(r => r.Name).ToListAsync();

        roles.ShouldBe(Roles.All, ignoreOrder: true);
    }
}

public sealed class PostgresMigrationTests(PostgresFixture fixture) : MigrationTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteMigrationTests(SqliteFixture fixture) : MigrationTests(fixture), IClassFixture<SqliteFixture>;
