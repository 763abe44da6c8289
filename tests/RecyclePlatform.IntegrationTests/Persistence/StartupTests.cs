using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.Tests;

namespace RecyclePlatform.IntegrationTests.Persistence;

/// <summary>Two nodes started at once on one empty database: both come up, and the database is migrated and seeded once.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task TwoNodes_StartingOnOneEmptyDatabase_BothComeUp_AndSeedOnce()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var first = Node(database.ConnectionString);
        await using var second = Node(database.ConnectionString);
        using var start = new ManualResetEventSlim(false);

        var nodes = new[] { first, second }.Select(node => Task.Run(async () =>
        {
            start.Wait();
            await using var scope = node.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitialiseAsync(migrate: true, CancellationToken.None);
        })).ToList();
        start.Set();
        await Task.WhenAll(nodes);

        await using var check = first.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Cities.CountAsync()).ShouldBe(8);
        (await db.Users.CountAsync(u => u.Email == "admin@demo.test")).ShouldBe(1);
    }

    private static ServiceProvider Node(string connectionString) => DatabaseFixture.BuildServices(DatabaseProvider.Postgres, connectionString);
}
