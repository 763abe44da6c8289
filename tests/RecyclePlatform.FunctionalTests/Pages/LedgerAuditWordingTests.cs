using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;

namespace RecyclePlatform.FunctionalTests.Pages;

/// <summary>
/// /Ledger says what the last self-audit covered: a run over the empty log at start-up is not
/// "all 0 entries" beside a log of 11, and a run over part of a grown log says it was part.
/// (Its own app: the audit rows it adds would confuse other tests' pages.)
/// </summary>
public sealed class LedgerAuditWordingTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    [Fact]
    public async Task TheLastAudit_IsDescribedAgainstTheLogAsItIsNow()
    {
        await DemoData.ReceivedAtDemoHubAsync(app, 1, districtIndex: 0);
        (await DemoData.LedgerSettledAsync(app)).ShouldBeGreaterThanOrEqualTo(2);

        await AuditAsync(treeSize: 0, startedIn: TimeSpan.FromHours(1));
        var page = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/Ledger"));
        page.ShouldContain("when the log was still empty");
        page.ShouldNotContain("all 0 entries");

        await AuditAsync(treeSize: 1, startedIn: TimeSpan.FromHours(2));
        page = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/Ledger"));
        page.ShouldContain("the first 1 of the ");
    }

    private async Task AuditAsync(long treeSize, TimeSpan startedIn)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var at = DateTimeOffset.UtcNow + startedIn;
        db.LedgerAuditRuns.Add(new LedgerAuditRun { StartedAt = at, FinishedAt = at, TreeSize = treeSize, Passed = true });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
