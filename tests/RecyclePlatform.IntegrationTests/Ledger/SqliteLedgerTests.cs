using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Ledger;

namespace RecyclePlatform.IntegrationTests.Ledger;

/// <summary>The zero-set-up SQLite database keeps the same promises: appends work, changes are refused.</summary>
public sealed class SqliteLedgerTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Theory]
    [InlineData("UPDATE ledger_entries SET subject = 'x'")]
    [InlineData("DELETE FROM ledger_entries")]
    [InlineData("UPDATE ledger_nodes SET hash = x'00'")]
    [InlineData("DELETE FROM ledger_checkpoints")]
    public async Task AppendsWork_AndChangesAreRefused(string sql)
    {
        await using var services = LedgerHarness.Services(fixture);
        await LedgerHarness.AddEntriesAsync(services, 5);
        await LedgerHarness.SequenceAllAsync(services);
        var before = await LedgerHarness.ReadAllAsync(fixture);
        before.Entries.Count.ShouldBeGreaterThanOrEqualTo(5);

        await using var db = fixture.CreateContext();
        var refused = await Should.ThrowAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(sql));

        refused.Message.ShouldContain("append-only");
        (await LedgerHarness.ReadAllAsync(fixture)).Root.ShouldBe(before.Root);
        await using var scope = services.CreateAsyncScope();
        var latest = await scope.ServiceProvider.GetRequiredService<LedgerQueries>().EntryAsync(before.Entries.Count - 1, CancellationToken.None);
        latest.Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task FullTilesAreStored_ServedAsBuilt_AndAudited()
    {
        await using var services = LedgerHarness.Services(fixture);
        await LedgerHarness.AddEntriesAsync(services, 600);
        await LedgerHarness.SequenceAllAsync(services);
        await using var scope = services.CreateAsyncScope();
        var tiles = scope.ServiceProvider.GetRequiredService<ILedgerTiles>();
        await using var db = fixture.CreateContext();

        (await db.LedgerTiles.CountAsync(t => t.Level == LedgerTileRecord.EntriesLevel)).ShouldBeGreaterThanOrEqualTo(2);
        foreach (var tile in new[] { new Domain.Ledger.TilePath(0, 1, 256, IsEntries: true), new Domain.Ledger.TilePath(0, 1, 256, IsEntries: false) })
        {
            (await tiles.ReadAsync(tile, CancellationToken.None)).ShouldBe(await tiles.BuildAsync(tile, CancellationToken.None));
        }
        var run = await scope.ServiceProvider.GetRequiredService<LedgerSelfAudit>().RunAsync(CancellationToken.None);
        run!.Passed.ShouldBeTrue(run.Problem);
    }
}
