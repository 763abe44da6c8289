using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Ledger;

namespace RecyclePlatform.IntegrationTests.Ledger;

/// <summary>
/// The scheduled self-audit against a log someone tampered with behind the application's back (the
/// table owner switches the append-only trigger off first). Each test has a database of its own.
/// </summary>
public sealed class LedgerAuditTests : IAsyncLifetime
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
    public async Task AnUntouchedLog_Passes()
    {
        var run = await AuditAsync();

        run.Passed.ShouldBeTrue(run.Problem);
        run.TreeSize.ShouldBe(300);
        run.FirstBadIndex.ShouldBeNull();
    }

    [Fact]
    public async Task AnAlteredEntry_IsNamedByItsIndex()
    {
        await TamperAsync("UPDATE ledger_entries SET body = convert_to(replace(convert_from(body, 'UTF8'), '\"reuse\"', '\"waste\"'), 'UTF8') WHERE index = 123");

        var run = await AuditAsync();

        run.Passed.ShouldBeFalse();
        run.FirstBadIndex.ShouldBe(123);
    }

    [Fact]
    public async Task ADeletedEntry_IsNamedByItsIndex()
    {
        await TamperAsync("DELETE FROM ledger_entries WHERE index = 42");

        var run = await AuditAsync();

        run.Passed.ShouldBeFalse();
        run.FirstBadIndex.ShouldBe(42);
    }

    [Fact]
    public async Task TwoSwappedEntries_AreNamedByTheFirst()
    {
        await TamperAsync("""
            UPDATE ledger_entries SET body = CASE index WHEN 200 THEN (SELECT body FROM ledger_entries WHERE index = 260)
                                                      ELSE (SELECT body FROM ledger_entries WHERE index = 200) END
            WHERE index IN (200, 260)
            """);

        var run = await AuditAsync();

        run.Passed.ShouldBeFalse();
        run.FirstBadIndex.ShouldBe(200);
        await using var db = _fixture.CreateContext();
        (await db.LedgerAuditRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).FirstAsync()).FirstBadIndex.ShouldBe(200);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 0)]
    public async Task ACorruptedInteriorNode_IsNamedByItsLevelAndIndex(int level, long index)
    {
        // No tile holds levels 1 to 7, yet proofs fold them: the audit must recompute them all.
        await TamperNodesAsync($"UPDATE ledger_nodes SET hash = decode(repeat('cd', 32), 'hex') WHERE key = {new Domain.Ledger.TreeNode(level, index).Key}");

        var run = await AuditAsync();

        run.Passed.ShouldBeFalse();
        run.Problem.ShouldBe($"The stored node at level {level}, index {index} differs from the one recomputed from the entries.");
        run.FirstBadIndex.ShouldBe(index << level);
    }

    [Fact]
    public async Task ARewriteWithItsNodesRecomputed_AndANewCheckpointSignedOverIt_FailsAgainstTheOlderCheckpoint()
    {
        // Honest checkpoints at 300 and 305. Then what a dishonest operator with the key could do (or the
        // sequencer before it checked consistency): rewrite entry 123, recompute every node above it,
        // and sign the rewritten tree as the latest checkpoint, 305.
        await LedgerHarness.AddEntriesAsync(_services, 5);
        await LedgerHarness.SequenceAllAsync(_services);
        await using (var db = _fixture.CreateContext())
        {
            var entries = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Index).ToListAsync();
            var rewritten = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(entries[123].Body).Replace("\"reuse\"", "\"waste\"", StringComparison.Ordinal));
            var bodies = entries.Select((e, i) => i == 123 ? rewritten : e.Body).ToList();
            var nodes = new Dictionary<long, byte[]>();
            var tree = new Domain.Ledger.CompactRange();
            foreach (var body in bodies)
            {
                tree.Append(Domain.Ledger.Merkle.LeafHash(body), (node, hash) => nodes[node.Key] = hash);
            }
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_nodes DISABLE TRIGGER ledger_nodes_append_only");
            await db.Database.ExecuteSqlAsync($"UPDATE ledger_entries SET body = {rewritten} WHERE index = 123");
            foreach (var (key, hash) in nodes)
            {
                await db.Database.ExecuteSqlAsync($"UPDATE ledger_nodes SET hash = {hash} WHERE key = {key}");
            }
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_nodes ENABLE TRIGGER ledger_nodes_append_only");
            var signer = _services.GetRequiredService<ICheckpointSigner>();
            var forged = new Domain.Ledger.Checkpoint(signer.KeyName, 305, tree.Root()).Body;
            var note = Domain.Ledger.SignedNote.Format(forged, [new Domain.Ledger.NoteSignature(signer.KeyName,
                Domain.Ledger.SignedNote.KeyId(signer.KeyName, signer.PublicKey), signer.Sign(System.Text.Encoding.UTF8.GetBytes(forged)))]);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_checkpoints DISABLE TRIGGER ledger_checkpoints_append_only");
            await db.Database.ExecuteSqlAsync($"UPDATE ledger_checkpoints SET root_hash = {tree.Root()}, note = {note} WHERE size = 305");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_checkpoints ENABLE TRIGGER ledger_checkpoints_append_only");
        }

        var run = await AuditAsync();

        // Every entry, node and the latest checkpoint now agree; only the older signed checkpoint remembers.
        run.Passed.ShouldBeFalse();
        run.Problem.ShouldBe("The entries recompute to another root than the signed checkpoint of size 300.");
    }

    [Fact]
    public async Task AnIncrementalAudit_StartsWhereTheLastPassedOneStopped_AndNamesANewBadEntry()
    {
        (await AuditAsync()).Passed.ShouldBeTrue();
        await GrowAsync(50);

        var clean = await AuditAsync(incremental: true);
        clean.Passed.ShouldBeTrue(clean.Problem);
        (clean.FromSize, clean.TreeSize).ShouldBe((300L, 350L));

        await GrowAsync(20);
        await TamperAsync("UPDATE ledger_entries SET body = convert_to(replace(convert_from(body, 'UTF8'), '\"reuse\"', '\"waste\"'), 'UTF8') WHERE index = 360");
        var run = await AuditAsync(incremental: true);

        run.Passed.ShouldBeFalse();
        run.FromSize.ShouldBe(350);
        run.FirstBadIndex.ShouldBe(360);
    }

    [Fact]
    public async Task AnIncrementalAudit_NoticesWhenTheAuditedPrefixsRightEdgeChanged()
    {
        (await AuditAsync()).Passed.ShouldBeTrue();
        await GrowAsync(10);
        var edge = Domain.Ledger.Merkle.PerfectSubtrees(new Domain.Ledger.LeafRange(0, 300))[^1];
        await TamperNodesAsync($"UPDATE ledger_nodes SET hash = decode(repeat('cd', 32), 'hex') WHERE key = {edge.Key}");

        var run = await AuditAsync(incremental: true);

        run.Passed.ShouldBeFalse();
        run.Problem.ShouldBe("The stored nodes of the first 300 entries, which the last audit passed, no longer give the root signed at that size.");
    }

    [Fact]
    public async Task TheSchedule_RunsFullFirst_ThenIncrementally_AndInFullOncePerIntervalAndAfterAFailure()
    {
        var day = TimeSpan.FromDays(1);
        (await ScheduledAsync(day)).FromSize.ShouldBe(0);
        await GrowAsync(10);
        (await ScheduledAsync(day)).FromSize.ShouldBe(300);

        // Inside the audited prefix, where only a full audit looks.
        await TamperAsync("DELETE FROM ledger_entries WHERE index = 5");
        var incremental = await ScheduledAsync(day);
        (incremental.FromSize, incremental.Passed).ShouldBe((310L, true));

        var full = await ScheduledAsync(TimeSpan.Zero);
        (full.FromSize, full.Passed, full.FirstBadIndex).ShouldBe((0L, false, (long?)5));
        var afterFailure = await ScheduledAsync(day);
        (afterFailure.FromSize, afterFailure.Passed).ShouldBe((0L, false));
    }

    [Fact]
    public async Task TheSequencerStoresFullTiles_AndAStoredTileThatDiffers_IsNamed()
    {
        await using (var db = _fixture.CreateContext())
        {
            // 300 entries: entry bundle 0 and level-0 tile 0 are full, and stored as the bytes served.
            (await db.LedgerTiles.AsNoTracking().OrderBy(t => t.Level).Select(t => new { t.Level, t.Index }).ToListAsync())
                .ShouldBe([new { Level = (short)-1, Index = 0L }, new { Level = (short)0, Index = 0L }]);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_tiles DISABLE TRIGGER ledger_tiles_append_only");
            await db.Database.ExecuteSqlRawAsync("UPDATE ledger_tiles SET bytes = overlay(bytes placing '\\x00'::bytea from 100) WHERE level = -1 AND index = 0");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_tiles ENABLE TRIGGER ledger_tiles_append_only");
        }

        var run = await AuditAsync();

        run.Passed.ShouldBeFalse();
        run.Problem.ShouldBe("The stored entry bundle, index 0, differs from the one built from the stored entries.");
        run.FirstBadIndex.ShouldBe(0);
    }

    private async Task TamperNodesAsync(string sql)
    {
        await using var db = _fixture.CreateContext();
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_nodes DISABLE TRIGGER ledger_nodes_append_only");
        await db.Database.ExecuteSqlRawAsync(sql);
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_nodes ENABLE TRIGGER ledger_nodes_append_only");
    }

    private async Task<LedgerAuditRun> AuditAsync(bool incremental = false)
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<LedgerSelfAudit>().RunAsync(CancellationToken.None, incremental))!;
    }

    private async Task<LedgerAuditRun> ScheduledAsync(TimeSpan fullEvery)
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<LedgerSelfAudit>().RunScheduledAsync(fullEvery, CancellationToken.None))!;
    }

    private async Task GrowAsync(int count)
    {
        await LedgerHarness.AddEntriesAsync(_services, count);
        await LedgerHarness.SequenceAllAsync(_services);
    }

    private async Task TamperAsync(string sql)
    {
        await using var db = _fixture.CreateContext();
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only");
        await db.Database.ExecuteSqlRawAsync(sql);
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only");
    }
}
