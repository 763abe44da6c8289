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

    private async Task<LedgerAuditRun> AuditAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<LedgerSelfAudit>().RunAsync(CancellationToken.None))!;
    }

    private async Task TamperAsync(string sql)
    {
        await using var db = _fixture.CreateContext();
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only");
        await db.Database.ExecuteSqlRawAsync(sql);
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only");
    }
}
