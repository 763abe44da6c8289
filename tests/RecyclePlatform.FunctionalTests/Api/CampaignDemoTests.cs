using System.Net.Http.Json;
using System.Text.Json;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.LedgerVerifier;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>
/// What a newcomer sees on the first run: a past campaign that met its goal in eight cities, one running now in
/// three with two teams, the demo donor's own impact, and a ledger behind all of it that verifies.
/// </summary>
public sealed class CampaignDemoTests(CampaignDemoTests.WithHistory app) : IClassFixture<CampaignDemoTests.WithHistory>
{
    [Fact]
    public async Task TheDemo_HasAPastAndARunningCampaign_WithTeams_AndTheLogBehindThemVerifies()
    {
        var size = await DemoData.LedgerSettledAsync(app);
        var client = app.CreateClient();
        var past = await DemoData.ImpactAtAsync(client, "/api/v1/campaigns/sustainability-week", size);
        var running = await DemoData.ImpactAtAsync(client, "/api/v1/campaigns/winter-warmth", size);

        var pastImpact = past.GetProperty("impact");
        pastImpact.GetProperty("cities").GetArrayLength().ShouldBe(8);
        pastImpact.GetProperty("days").GetArrayLength().ShouldBe(7);
        var pastTotals = pastImpact.GetProperty("totals");
        (pastTotals.GetProperty("doorGrams").GetInt64() / 1000).ShouldBeGreaterThanOrEqualTo(past.GetProperty("campaign").GetProperty("goalKg").GetInt64());
        pastTotals.GetProperty("reuseGrams").GetInt64().ShouldBeGreaterThan(0);
        pastTotals.GetProperty("beneficiaries").GetDecimal().ShouldBeGreaterThan(0);
        pastTotals.GetProperty("co2eGrams").GetInt64().ShouldBeGreaterThan(0);

        var runningImpact = running.GetProperty("impact");
        runningImpact.GetProperty("cities").GetArrayLength().ShouldBe(3);
        runningImpact.GetProperty("teams").GetArrayLength().ShouldBe(2);
        var runningKg = runningImpact.GetProperty("totals").GetProperty("doorGrams").GetInt64() / 1000;
        runningKg.ShouldBeGreaterThan(0);
        runningKg.ShouldBeLessThan(running.GetProperty("campaign").GetProperty("goalKg").GetInt64()); // still going

        var donor = await DemoData.ApiClientAsync(app, Roles.Consumer);
        var mine = await donor.GetFromJsonAsync<JsonElement>("/api/v1/impact/mine");
        mine.GetProperty("pickups").GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);
        mine.GetProperty("reuseGrams").GetInt64().ShouldBeGreaterThan(0);
        (await donor.GetFromJsonAsync<JsonElement>("/api/v1/teams/mine")).GetProperty("name").GetString().ShouldBe("Riverside Gardens Residents");

        var verified = await new LogVerifier(client, new StringWriter()).VerifyAsync(null, null, CancellationToken.None);
        verified.Ok.ShouldBeTrue(verified.Message);
        verified.TreeSize.ShouldBeGreaterThanOrEqualTo(size);
        // And every published figure of both campaigns and the platform is recomputed from it.
        foreach (var campaign in new[] { "sustainability-week", "winter-warmth", null })
        {
            var output = new StringWriter();
            var recomputed = await new ImpactVerifier(client, output).VerifyAsync(campaign, null, CancellationToken.None);
            recomputed.Ok.ShouldBeTrue($"{campaign ?? "platform"}: {recomputed.Message}\n{output}");
        }
        foreach (var team in runningImpact.GetProperty("teams").EnumerateArray().Select(t => Guid.Parse(t.GetProperty("key").GetString()!)))
        {
            var output = new StringWriter();
            var verifier = new ImpactVerifier(client, output);
            var recomputed = await verifier.CheckAsync(await verifier.PublishedTeamAsync(team, CancellationToken.None), null, CancellationToken.None);
            recomputed.Ok.ShouldBeTrue($"team {team}: {recomputed.Message}\n{output}");
        }
    }


    /// <summary>The app as a newcomer starts it: demo data with the campaigns' custody history.</summary>
    public sealed class WithHistory : RecycleWebFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DemoData:History", "true");
        }
    }
}
