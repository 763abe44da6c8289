using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>
/// Campaigns, teams and impact over HTTP: a pickup booked while a campaign runs counts for it and for the
/// donor's team on the public ledger (by id, never by name), the totals follow the custody steps and say at
/// which checkpoint they were computed, and hostile input is a clear 4xx, never a 500.
/// </summary>
public sealed class CampaignApiTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task APickup_BookedDuringACampaign_CountsForItAndTheTeam_OnTheLedger_AndInTheTotals()
    {
        var admin = await DemoData.ApiClientAsync(app, Roles.Admin);
        var consumer = await DemoData.ApiClientAsync(app, Roles.Consumer);
        var hub = await DemoData.ApiClientAsync(app, Roles.HubOperator);
        var beijing = await CityIdAsync(consumer, "beijing");
        var created = await admin.PostAsJsonAsync("/api/v1/campaigns", Campaign("api-week", [beijing]));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.OriginalString.ShouldBe("/api/v1/campaigns/api-week");
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await consumer.DeleteAsync("/api/v1/teams/membership"); // the class's tests share one donor
        var team = await consumer.PostAsJsonAsync("/api/v1/teams", new { name = "Floor 7 of Northwind 🌱", kind = "Company" });
        team.StatusCode.ShouldBe(HttpStatusCode.Created, await team.Content.ReadAsStringAsync());
        var teamBody = await team.Content.ReadFromJsonAsync<JsonElement>();
        var teamId = teamBody.GetProperty("id").GetGuid();
        teamBody.GetProperty("joinCode").GetString()!.Length.ShouldBe(8);
        var factors = await admin.PostAsJsonAsync("/api/v1/impact/factors", new { factors = Factors(reuseCo2e: 3000, reuseWater: 5000) });
        factors.StatusCode.ShouldBe(HttpStatusCode.Created, await factors.Content.ReadAsStringAsync());

        var references = await DemoData.ReceivedAtDemoHubAsync(app, 1, districtIndex: 1); // 6.5 kg at the door
        var sorted = await hub.PostAsJsonAsync("/api/v1/hub/lots", new
        {
            pickups = references,
            lots = new[] { new { stream = "Reuse", kg = 4m, categories = new[] { "Clothing" } }, new { stream = "Recycle", kg = 2m, categories = new[] { "Clothing" } } },
        });
        sorted.StatusCode.ShouldBe(HttpStatusCode.Created, await sorted.Content.ReadAsStringAsync());
        var size = await DemoData.LedgerSettledAsync(app);

        var campaign = await DemoData.ImpactAtAsync(consumer, "/api/v1/campaigns/api-week", size);
        var totals = campaign.GetProperty("impact").GetProperty("totals");
        totals.GetProperty("pickups").GetInt64().ShouldBe(1);
        totals.GetProperty("doorGrams").GetInt64().ShouldBe(6_500);
        totals.GetProperty("reuseGrams").GetInt64().ShouldBe(4_000);
        totals.GetProperty("recycleGrams").GetInt64().ShouldBe(2_000);
        totals.GetProperty("co2eGrams").GetInt64().ShouldBe(4 * 3000 + 2 * 1500);
        totals.GetProperty("waterLitres").GetInt64().ShouldBe(4 * 5000);
        var impact = campaign.GetProperty("impact");
        impact.GetProperty("checkpoint").GetProperty("size").GetInt64().ShouldBe(size);
        impact.GetProperty("factors").GetProperty("version").GetInt32().ShouldBe(1);
        impact.GetProperty("cities").EnumerateArray().Single().GetProperty("key").GetString().ShouldBe("beijing");
        impact.GetProperty("teams").EnumerateArray().Single().GetProperty("name").GetProperty("en").GetString().ShouldBe("Floor 7 of Northwind 🌱");
        impact.GetProperty("districts").EnumerateArray().Single().GetProperty("key").GetString()!.ShouldStartWith("beijing/");
        impact.GetProperty("days").GetArrayLength().ShouldBe(1);

        // The team's public page: totals, never the join code or who is in it.
        var teamPage = await consumer.GetStringAsync($"/api/v1/teams/{teamId}");
        teamPage.ShouldNotContain(teamBody.GetProperty("joinCode").GetString()!);
        JsonDocument.Parse(teamPage).RootElement.GetProperty("totals").GetProperty("doorGrams").GetInt64().ShouldBe(6_500);

        // The donor's own impact, pickup by pickup.
        var mine = await consumer.GetFromJsonAsync<JsonElement>("/api/v1/impact/mine");
        mine.GetProperty("doorGrams").GetInt64().ShouldBe(6_500);
        mine.GetProperty("reuseGrams").GetInt64().ShouldBe(4_000);

        // A donor appears on the campaign's leaderboard only under a name they chose, never one like an e-mail or phone.
        (await consumer.GetFromJsonAsync<JsonElement>("/api/v1/campaigns/api-week")).GetProperty("givers").GetArrayLength().ShouldBe(0);
        await ShouldBeRuleAsync(await consumer.PutAsJsonAsync("/api/v1/impact/public-name", new { displayName = "me@example.org" }),
            HttpStatusCode.UnprocessableEntity, "team.display_name_invalid");
        await ShouldBeRuleAsync(await consumer.PutAsJsonAsync("/api/v1/impact/public-name", new { displayName = "138 0013 8000" }),
            HttpStatusCode.UnprocessableEntity, "team.display_name_invalid");
        (await consumer.PutAsJsonAsync("/api/v1/impact/public-name", new { displayName = " Green Bean 🌱 " })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var giver = (await consumer.GetFromJsonAsync<JsonElement>("/api/v1/campaigns/api-week")).GetProperty("givers").EnumerateArray().Single();
        giver.GetProperty("displayName").GetString().ShouldBe("Green Bean 🌱");
        giver.GetProperty("doorGrams").GetInt64().ShouldBe(6_500);
        (await consumer.PutAsJsonAsync("/api/v1/impact/public-name", new { displayName = "" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await consumer.GetFromJsonAsync<JsonElement>("/api/v1/campaigns/api-week")).GetProperty("givers").GetArrayLength().ShouldBe(0);

        // On the ledger: the campaign and team by id, the district by its slug; the team's name nowhere.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var bodies = (await db.LedgerEntries.AsNoTracking().Select(e => e.Body).ToListAsync()).Select(b => Encoding.UTF8.GetString(b)).ToList();
        var door = JsonDocument.Parse(bodies.Single(b => b.Contains("\"kind\":\"collected\"", StringComparison.Ordinal))).RootElement;
        door.GetProperty("campaign").GetGuid().ShouldBe(campaignId);
        door.GetProperty("team").GetGuid().ShouldBe(teamId);
        door.GetProperty("v").GetInt32().ShouldBe(3);
        bodies.ShouldAllBe(b => !b.Contains("Northwind", StringComparison.Ordinal));
        // The factor table the entry commits to is the one served.
        var table = JsonDocument.Parse(bodies.Single(b => b.Contains("\"kind\":\"impact_factors\"", StringComparison.Ordinal))).RootElement;
        var served = await consumer.GetByteArrayAsync("/api/v1/impact/factors/1");
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(served)).ShouldBe(table.GetProperty("table").GetString());
    }

    [Fact]
    public async Task Teams_OneAtATime_CodesForgiveSpacesAndCase_LeavingTwiceIsRefused()
    {
        var owner = await DemoData.ApiClientAsync(app, Roles.Consumer);
        var other = await DemoData.ApiClientAsync(app, Roles.Courier); // not a donor: teams are for donors
        (await other.PostAsJsonAsync("/api/v1/teams", new { name = "Couriers", kind = "Company" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await owner.DeleteAsync("/api/v1/teams/membership")).StatusCode.ShouldBeOneOf(HttpStatusCode.NoContent, HttpStatusCode.Conflict);
        var formed = await owner.PostAsJsonAsync("/api/v1/teams", new { name = "Riverside", kind = "Community" });
        formed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var code = (await formed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("joinCode").GetString()!;
        var second = await owner.PostAsJsonAsync("/api/v1/teams", new { name = "Another", kind = "Company" });
        await ShouldBeRuleAsync(second, HttpStatusCode.Conflict, "team.already_member");
        // Joining one's own team again, with the code typed loosely, is fine (a second tap).
        var again = await owner.PostAsJsonAsync("/api/v1/teams/membership", new { code = $" {code[..4].ToLowerInvariant()}-{code[4..]} " });
        again.StatusCode.ShouldBe(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        (await owner.GetFromJsonAsync<JsonElement>("/api/v1/teams/mine")).GetProperty("joinCode").GetString().ShouldBe(code);

        (await owner.DeleteAsync("/api/v1/teams/membership")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeRuleAsync(await owner.DeleteAsync("/api/v1/teams/membership"), HttpStatusCode.Conflict, "team.not_member");
        (await owner.GetAsync("/api/v1/teams/mine")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.GetAsync($"/api/v1/teams/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task HostileInput_IsAClear4xx_NeverA500_AndChangesNothing()
    {
        var admin = await DemoData.ApiClientAsync(app, Roles.Admin);
        var consumer = await DemoData.ApiClientAsync(app, Roles.Consumer);
        var beijing = await CityIdAsync(consumer, "beijing");
        var huge = new string('x', 10 * 1024 * 1024);
        var before = await CountsAsync();
        object[] campaigns =
        [
            Campaign("nul\u0000slug", [beijing]),
            Campaign("emoji-😀", [beijing]),
            Campaign("UPPER", [beijing]),
            Campaign("far-dates", [beijing], starts: "9999-12-31", ends: "9999-12-31"),
            Campaign("backwards", [beijing], starts: "2026-12-10", ends: "2026-12-01"),
            Campaign("too-long", [beijing], starts: "2026-01-01", ends: "2027-06-01"),
            Campaign("unknown-city", [Guid.NewGuid()]),
            Campaign("no-city", []),
            Campaign("story-nul", [beijing], story: "a\u0000b"),
            Campaign("huge-story", [beijing], story: huge),
            Campaign("zero-goal", [beijing], goal: 0),
            new { slug = "nulls", nameEn = (string?)null, nameZh = (string?)null, storyEn = (string?)null, storyZh = (string?)null },
        ];
        foreach (var body in campaigns)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/campaigns", body);
            ((int)response.StatusCode).ShouldBeInRange(400, 499, await Short(response));
        }
        (await admin.PostAsync("/api/v1/campaigns", new StringContent("{\"slug\":", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await consumer.PostAsJsonAsync("/api/v1/campaigns", Campaign("not-admin", [beijing]))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        object[] teams = [new { name = "a\u0000b", kind = "Company" }, new { name = "\u0007", kind = "Company" }, new { name = " x ", kind = "Company" }, new { name = huge, kind = "Company" },
            new { name = "Fine", kind = "Guild" }, new { name = (string?)null, kind = (string?)null }];
        foreach (var body in teams)
        {
            var response = await consumer.PostAsJsonAsync("/api/v1/teams", body);
            ((int)response.StatusCode).ShouldBeInRange(400, 499, await Short(response));
        }
        foreach (var code in new[] { "", "\u0000", "ABCD", "ABCDEFGH", "😀😀😀😀", huge })
        {
            var response = await consumer.PostAsJsonAsync("/api/v1/teams/membership", new { code });
            ((int)response.StatusCode).ShouldBeInRange(400, 499, await Short(response));
        }
        object[] tables =
        [
            new { factors = Factors(3000, 5000).Take(5).ToArray() },
            new { factors = Factors(3000, 5000).Append(Factors(1, 1)[0]).ToArray() },
            new { factors = Factors(-1, 5000) },
            new { factors = Factors(3000, 5000, source: "a\u0000b") },
            new { factors = Factors(3000, 5000, source: huge) },
            new { factors = Factors(3000, 5000, year: 99999) },
        ];
        foreach (var body in tables)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/impact/factors", body);
            ((int)response.StatusCode).ShouldBeInRange(400, 499, await Short(response));
        }
        (await consumer.GetAsync("/api/v1/impact/factors/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await consumer.GetAsync("/api/v1/campaigns/%F0%9F%98%80")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await CountsAsync()).ShouldBe(before);
    }

    /// <summary>Campaigns, factor tables and teams, in one snapshot (the class's tests share a database).</summary>
    private async Task<(int, int, int)> CountsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        return (await db.Campaigns.CountAsync(), await db.ImpactFactorTables.CountAsync(), await db.Teams.CountAsync());
    }

    [Fact]
    public async Task EditingACampaign_FromAStaleVersion_IsRefused_AndItsSlugStays()
    {
        var admin = await DemoData.ApiClientAsync(app, Roles.Admin);
        var beijing = await CityIdAsync(admin, "beijing");
        (await admin.PostAsJsonAsync("/api/v1/campaigns", Campaign("edit-me", [beijing]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var taken = await admin.PostAsJsonAsync("/api/v1/campaigns", Campaign("edit-me", [beijing]));
        await ShouldBeRuleAsync(taken, HttpStatusCode.Conflict, "campaign.slug_taken");

        var read = await admin.GetAsync("/api/v1/campaigns/edit-me");
        var etag = read.Headers.ETag!.Tag;
        var update = new HttpRequestMessage(HttpMethod.Put, "/api/v1/campaigns/edit-me") { Content = JsonContent.Create(Campaign("ignored", [beijing], goal: 900)) };
        update.Headers.TryAddWithoutValidation("If-Match", etag);
        var first = await admin.SendAsync(update);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("slug").GetString().ShouldBe("edit-me");
        body.GetProperty("goalKg").GetInt64().ShouldBe(900);

        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/campaigns/edit-me") { Content = JsonContent.Create(Campaign("ignored", [beijing], goal: 5)) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        ((int)(await admin.SendAsync(stale)).StatusCode).ShouldBeOneOf(409, 412);
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/campaigns/edit-me")).GetProperty("campaign").GetProperty("goalKg").GetInt64().ShouldBe(900);
    }

    [Fact]
    public async Task AnOrganisersLogo_IsAnImage_ReEncoded_ServedFromAnAddressThatChangesWithIt()
    {
        var admin = await DemoData.ApiClientAsync(app, Roles.Admin);
        var consumer = await DemoData.ApiClientAsync(app, Roles.Consumer);
        var beijing = await CityIdAsync(admin, "beijing");
        (await admin.PostAsJsonAsync("/api/v1/campaigns", Campaign("with-logo", [beijing]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        static ByteArrayContent Image(byte[] bytes, string type) => new(bytes) { Headers = { ContentType = new(type) } };

        await ShouldBeRuleAsync(await admin.PutAsync("/api/v1/campaigns/with-logo/organisers/0/logo", Image(Encoding.UTF8.GetBytes("<svg onload=alert(1)>"), "image/png")),
            HttpStatusCode.UnsupportedMediaType, "campaign.logo_not_an_image");
        await ShouldBeRuleAsync(await admin.PutAsync("/api/v1/campaigns/with-logo/organisers/0/logo", Image(new byte[2 * 1024 * 1024], "image/png")),
            HttpStatusCode.RequestEntityTooLarge, "campaign.logo_too_large");
        (await admin.PutAsync("/api/v1/campaigns/with-logo/organisers/7/logo", Image(DemoData.TinyPng, "image/png"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await consumer.PutAsync("/api/v1/campaigns/with-logo/organisers/0/logo", Image(DemoData.TinyPng, "image/png"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await consumer.GetAsync("/api/v1/campaigns/with-logo/organisers/0/logo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var uploaded = await admin.PutAsync("/api/v1/campaigns/with-logo/organisers/0/logo", Image(DemoData.TinyPng, "image/png"));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        var url = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var campaign = await consumer.GetFromJsonAsync<JsonElement>("/api/v1/campaigns/with-logo");
        campaign.GetProperty("campaign").GetProperty("organisers")[0].GetProperty("logoUrl").GetString().ShouldBe(url);
        var logo = await consumer.GetAsync(url);
        logo.StatusCode.ShouldBe(HttpStatusCode.OK);
        logo.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await logo.Content.ReadAsByteArrayAsync()).Take(8).ShouldBe(DemoData.TinyPng.Take(8)); // a PNG, as re-encoded
    }

    private static object Campaign(string slug, Guid[] cities, string? starts = null, string? ends = null, string? story = null, long goal = 500) => new
    {
        slug,
        nameEn = "API Week",
        nameZh = "接口周",
        storyEn = story ?? "A week of giving.",
        storyZh = story ?? "捐赠周。",
        startsOn = starts ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        endsOn = ends ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        goalKg = goal,
        cityIds = cities,
        organisers = new[] { new { role = "Organiser", nameEn = "Northwind", nameZh = "北风" } },
    };

    private static object[] Factors(long reuseCo2e, long reuseWater, string source = "Test source", int year = 2024) =>
    [
        new { stream = "Reuse", measure = "Co2e", value = reuseCo2e, source, year },
        new { stream = "Reuse", measure = "Water", value = reuseWater, source, year },
        new { stream = "Recycle", measure = "Co2e", value = 1500L, source, year },
        new { stream = "Recycle", measure = "Water", value = 0L, source, year },
        new { stream = "Waste", measure = "Co2e", value = 0L, source, year },
        new { stream = "Waste", measure = "Water", value = 0L, source, year },
    ];

    private static async Task<Guid> CityIdAsync(HttpClient client, string slug) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/cities")).EnumerateArray().Single(c => c.GetProperty("slug").GetString() == slug).GetProperty("id").GetGuid();


    private static async Task ShouldBeRuleAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).ShouldContain(code);
    }

    private static async Task<string> Short(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}";
    }
}
