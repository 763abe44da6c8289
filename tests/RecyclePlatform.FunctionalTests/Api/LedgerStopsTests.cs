using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>
/// The running app, when someone with superuser rights deletes the newest ledger entry: the sequencer
/// stops instead of failing on a duplicate key every 200 ms, readiness turns degraded with the
/// reason, and the public ledger page says so. (Its own app and database: the log stays broken.)
/// </summary>
public sealed class LedgerStopsTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    [Fact]
    public async Task ADeletedLastEntry_StopsTheLedger_ReadinessIsDegraded_AndTheLedgerPageSaysSo()
    {
        await DemoData.ReceivedAtDemoHubAsync(app, 1, districtIndex: 0);
        var size = await DemoData.LedgerSettledAsync(app);
        (await app.CreateClient().GetStringAsync("/health/ready")).ShouldBe("Healthy");

        await using (var superuser = new NpgsqlConnection(app.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Migrations"]))
        {
            await superuser.OpenAsync();
            await using var tamper = new NpgsqlCommand($"""
                ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only;
                DELETE FROM ledger_entries WHERE index = {size - 1};
                ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only;
                """, superuser);
            await tamper.ExecuteNonQueryAsync();
        }

        string ready;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            await Task.Delay(100);
            ready = await app.CreateClient().GetStringAsync("/health/ready");
        }
        while (!ready.StartsWith("Degraded", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        ready.ShouldStartWith("Degraded: ledger: ");
        ready.ShouldContain($"entry {size - 1}");
        var page = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/Ledger"));
        page.ShouldContain("The ledger has stopped");
        await using var check = app.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<IAppDbContext>().LedgerCheckpoints.MaxAsync(c => c.Size)).ShouldBe(size);
    }
}
