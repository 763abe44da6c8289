using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.LedgerVerifier;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>
/// <c>recycle-ledger-verify impact</c> against the app: a campaign, pickups collected and sorted into lots,
/// a lot allocated and distributed, a factor table published, all through the API; the published totals
/// recompute from the log, and an altered copy of them does not.
/// </summary>
public sealed class ImpactVerifierTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    [Fact]
    public async Task PublishedTotals_RecomputeFromTheLog_AndAlteredOnesDoNot()
    {
        var admin = await DemoData.ApiClientAsync(app, Roles.Admin);
        var client = app.CreateClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var beijing = (await client.GetFromJsonAsync<JsonElement>("/api/v1/cities")).EnumerateArray()
            .Single(c => c.GetProperty("slug").GetString() == "beijing").GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/v1/campaigns", new
        {
            slug = "winter-coats",
            nameEn = "Winter coats",
            nameZh = "冬衣",
            storyEn = "Coats for the winter.",
            storyZh = "为冬天送去外套。",
            startsOn = today.AddDays(-1),
            endsOn = today.AddDays(60),
            goalKg = 500,
            cityIds = new[] { beijing },
            organisers = Array.Empty<object>(),
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var factors = await admin.PostAsJsonAsync("/api/v1/impact/factors", new
        {
            factors = new[]
            {
                Factor("Reuse", "Co2e", 3169), Factor("Reuse", "Water", 2700), Factor("Recycle", "Co2e", 1500),
                Factor("Recycle", "Water", 60), Factor("Waste", "Co2e", 0), Factor("Waste", "Water", 0),
            },
        });
        factors.StatusCode.ShouldBe(HttpStatusCode.Created, await factors.Content.ReadAsStringAsync());

        // Two pickups collected (6.5 kg each) and received, sorted into two lots; the reuse lot goes to a charity and is distributed.
        var references = await DemoData.ReceivedAtDemoHubAsync(app, 2, districtIndex: 1);
        var hub = await DemoData.ApiClientAsync(app, Roles.HubOperator);
        var charity = await DemoData.ApiClientAsync(app, Roles.CharityStaff);
        var sorted = await hub.PostAsJsonAsync("/api/v1/hub/lots", new
        {
            pickups = references,
            lots = new[] { new { stream = "Reuse", kg = 8.5m, categories = new[] { "Clothing" } }, new { stream = "Recycle", kg = 4m, categories = new[] { "Clothing" } } },
        });
        sorted.StatusCode.ShouldBe(HttpStatusCode.Created, await sorted.Content.ReadAsStringAsync());
        var lot = (await sorted.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().First(l => l.GetProperty("stream").GetString() == "Reuse").GetProperty("id").GetGuid();
        (await hub.PostAsJsonAsync($"/api/v1/hub/lots/{lot}/allocation", new { partnerId = DemoCharityId() })).EnsureSuccessStatusCode();
        (await charity.PostAsJsonAsync($"/api/v1/partner/lots/{lot}/receipt", new { kg = 8.5m, items = 30 })).EnsureSuccessStatusCode();
        var programmes = await charity.GetFromJsonAsync<JsonElement>("/api/v1/partner/programmes");
        var programme = programmes.EnumerateArray().First(p => p.GetProperty("active").GetBoolean()).GetProperty("id").GetGuid();
        var given = await charity.PostAsJsonAsync($"/api/v1/partner/lots/{lot}/distributions",
            new { programme = programme.ToString(), region = "110105", date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), items = 30, beneficiaries = 7 });
        given.IsSuccessStatusCode.ShouldBeTrue(await given.Content.ReadAsStringAsync());

        var size = await DemoData.LedgerSettledAsync(app);
        var campaign = await TotalsAtAsync(client, "/api/v1/campaigns/winter-coats", size);
        var impact = campaign.GetProperty("impact");
        impact.GetProperty("totals").GetProperty("pickups").GetInt64().ShouldBe(2);
        impact.GetProperty("totals").GetProperty("reuseGrams").GetInt64().ShouldBe(8500);
        impact.GetProperty("totals").GetProperty("beneficiaries").GetDecimal().ShouldBe(7m);
        impact.GetProperty("totals").GetProperty("co2eGrams").GetInt64().ShouldBe(32_936); // (8.5 kg × 3,169 + 4 kg × 1,500) g = 32,936.5, to even
        impact.GetProperty("factors").GetProperty("version").GetInt32().ShouldBe(1);
        await TotalsAtAsync(client, "/api/v1/impact", size);

        var key = (await client.GetStringAsync("/ledger/key")).Trim();
        var output = new StringWriter();
        var verifier = new ImpactVerifier(client, output);

        var ofCampaign = await verifier.VerifyAsync("winter-coats", key, CancellationToken.None);
        var ofPlatform = await verifier.VerifyAsync(null, key, CancellationToken.None);

        ofCampaign.Ok.ShouldBeTrue(output.ToString());
        ofPlatform.Ok.ShouldBeTrue(output.ToString());
        output.ToString().ShouldContain("factor table 1 (SHA-256 of entry");
        output.ToString().ShouldContain("matched: factor table 1 (SHA-256 of entry");

        // The same check against altered copies of what the server published.
        var published = await verifier.PublishedAsync("winter-coats", CancellationToken.None);
        var platform = await verifier.PublishedAsync(null, CancellationToken.None);
        var moreReuse = await verifier.CheckAsync(Altered(published, j => Add(j["impact"]!["totals"]!, "reuseGrams", 1000)), key, CancellationToken.None);
        var cityLine = await verifier.CheckAsync(Altered(published, j => Add(j["impact"]!["cities"]![0]!["figures"]!, "doorGrams", -1)), key, CancellationToken.None);
        var day = await verifier.CheckAsync(Altered(published, j => Add(j["impact"]!["days"]![0]!, "grams", 500)), key, CancellationToken.None);
        var partnerDropped = await verifier.CheckAsync(Altered(platform, j => j["partners"]!.AsArray().Clear()), key, CancellationToken.None);
        var otherRoot = await verifier.CheckAsync(Altered(published, j => j["impact"]!["checkpoint"]!["rootHash"] = Convert.ToBase64String(new byte[32])), key,
            CancellationToken.None);
        var otherFactors = await verifier.CheckAsync(Altered(platform, j => j["factors"]!["tableSha256"] = new string('0', 64)), key, CancellationToken.None);

        moreReuse.Ok.ShouldBeFalse();
        moreReuse.Differences.ShouldContain(d => d.StartsWith("totals.reuseGrams: published 9500, recomputed 8500", StringComparison.Ordinal));
        cityLine.Ok.ShouldBeFalse();
        cityLine.Differences.ShouldContain(d => d.StartsWith("cities[beijing].doorGrams", StringComparison.Ordinal));
        day.Ok.ShouldBeFalse();
        day.Differences.ShouldContain(d => d.StartsWith("days[", StringComparison.Ordinal));
        partnerDropped.Ok.ShouldBeFalse();
        partnerDropped.Differences.ShouldContain(d => d.StartsWith("partners: published []", StringComparison.Ordinal));
        otherRoot.Ok.ShouldBeFalse();
        otherRoot.Message.ShouldContain($"The first {size} entries of the verified log give root");
        otherFactors.Ok.ShouldBeFalse();
        otherFactors.Differences.ShouldContain(d => d.StartsWith("factors: published version 1 (0000", StringComparison.Ordinal));
    }

    private static object Factor(string stream, string measure, long value) =>
        new { stream, measure, value, source = "WRAP, Textiles Market Situation Report", year = 2024 };

    private static string Altered(string json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return node.ToJsonString();
    }

    private static void Add(JsonNode owner, string field, long amount) => owner[field] = owner[field]!.GetValue<long>() + amount;

    /// <summary>Waits (up to 20 s) until the node's totals are folded at the given size of the log.</summary>
    private static async Task<JsonElement> TotalsAtAsync(HttpClient client, string path, long size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await client.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                var impact = body.TryGetProperty("impact", out var inner) ? inner : body;
                if (impact.ValueKind == JsonValueKind.Object && impact.GetProperty("checkpoint").GetProperty("size").GetInt64() >= size)
                {
                    return body;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} did not reach the log's size {size}.");
            }
            await Task.Delay(200);
        }
    }

    private Guid DemoCharityId()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RecyclePlatform.Infrastructure.Persistence.AppDbContext>();
        var user = db.Users.Single(u => u.Email == DemoAccounts.EmailFor(Roles.CharityStaff));
        return Guid.Parse(db.UserClaims.Single(c => c.UserId == user.Id && c.ClaimType == ScopeClaims.Partner).ClaimValue!);
    }
}
