using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.IntegrationTests.Ledger;

/// <summary>
/// A dishonest operator with superuser rights changes the stored log behind the application's back;
/// the sequencer must then sign nothing (a signed checkpoint over a wrong tree can never be withdrawn)
/// and append nothing. Each test has a database of its own with 300 entries and their checkpoint.
/// </summary>
public sealed class SigningChecksTests : IAsyncLifetime
{
    private readonly PostgresFixture _fixture = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _fixture.InitializeAsync();
        _services = LedgerHarness.Services(_fixture);
        await LedgerHarness.AddEntriesAsync(_services, 300);
        await LedgerHarness.SequenceAllAsync(_services);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task AnUntouchedLog_GoesOnAndSignsTheLongerTree()
    {
        await LedgerHarness.AddEntriesAsync(_services, 5);

        (await RoundAsync()).ShouldBe(5);

        (await LatestCheckpointSizeAsync()).ShouldBe(305);
    }

    [Fact]
    public async Task ADeletedLastEntry_StopsTheLog_WithoutADuplicateKeyLoop()
    {
        await TamperAsync("DELETE FROM ledger_entries WHERE index = 299");
        await LedgerHarness.AddEntriesAsync(_services, 5);

        var refused = await Should.ThrowAsync<LedgerInconsistentException>(RoundAsync);

        refused.Message.ShouldContain("entry 299");
        await NothingChangedAsync(outboxWaiting: 5);
    }

    [Fact]
    public async Task ACorruptedRightEdgeNode_IsNeverSigned()
    {
        // Size 300 = 256 + 32 + 8 + 4: the last perfect subtree is level 2, index 74.
        await TamperAsync($"UPDATE ledger_nodes SET hash = decode(repeat('ab', 32), 'hex') WHERE key = {new TreeNode(2, 74).Key}");
        await LedgerHarness.AddEntriesAsync(_services, 5);

        var refused = await Should.ThrowAsync<LedgerInconsistentException>(RoundAsync);

        refused.Message.ShouldContain("not consistent with the signed checkpoint of size 300");
        await NothingChangedAsync(outboxWaiting: 5);
    }

    [Fact]
    public async Task AnEntryRewrittenWithAllItsNodesRecomputed_IsNeverSigned()
    {
        // The cleverest rewrite: the stored tree is self-consistent again, only the signed checkpoint disagrees.
        await using (var db = _fixture.CreateContext())
        {
            var entries = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Index).ToListAsync();
            var rewritten = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(entries[123].Body).Replace("\"reuse\"", "\"waste\"", StringComparison.Ordinal));
            var before = Nodes(entries.Select(e => e.Body));
            var after = Nodes(entries.Select((e, i) => i == 123 ? rewritten : e.Body));
            await DisableTriggersAsync(db);
            await db.Database.ExecuteSqlAsync($"UPDATE ledger_entries SET body = {rewritten} WHERE index = 123");
            foreach (var (key, hash) in after.Where(n => !before[n.Key].AsSpan().SequenceEqual(n.Value)))
            {
                await db.Database.ExecuteSqlAsync($"UPDATE ledger_nodes SET hash = {hash} WHERE key = {key}");
            }
            await EnableTriggersAsync(db);
        }
        await LedgerHarness.AddEntriesAsync(_services, 5);

        await Should.ThrowAsync<LedgerInconsistentException>(RoundAsync);

        await NothingChangedAsync(outboxWaiting: 5);
    }

    /// <summary>Every node hash of the tree over these entries, by key (as the sequencer stores them).</summary>
    private static Dictionary<long, byte[]> Nodes(IEnumerable<byte[]> bodies)
    {
        var nodes = new Dictionary<long, byte[]>();
        var tree = new CompactRange();
        foreach (var body in bodies)
        {
            tree.Append(Merkle.LeafHash(body), (node, hash) => nodes[node.Key] = hash);
        }
        return nodes;
    }

    private async Task<int> RoundAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerSequencer>().RunOnceAsync(CancellationToken.None);
    }

    private async Task<long> LatestCheckpointSizeAsync()
    {
        await using var db = _fixture.CreateContext();
        return await db.LedgerCheckpoints.MaxAsync(c => c.Size);
    }

    private async Task NothingChangedAsync(int outboxWaiting)
    {
        await using var db = _fixture.CreateContext();
        (await db.LedgerCheckpoints.MaxAsync(c => c.Size)).ShouldBe(300);
        (await db.LedgerCheckpoints.CountAsync(c => c.Size > 300)).ShouldBe(0);
        (await db.LedgerEntries.CountAsync(e => e.Index >= 300)).ShouldBe(0);
        (await db.LedgerOutbox.CountAsync()).ShouldBe(outboxWaiting);
    }

    private async Task TamperAsync(string sql)
    {
        await using var db = _fixture.CreateContext();
        await DisableTriggersAsync(db);
        await db.Database.ExecuteSqlRawAsync(sql);
        await EnableTriggersAsync(db);
    }

    private static async Task DisableTriggersAsync(DbContext db)
    {
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_nodes DISABLE TRIGGER ledger_nodes_append_only");
    }

    private static async Task EnableTriggersAsync(DbContext db)
    {
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_nodes ENABLE TRIGGER ledger_nodes_append_only");
    }
}
