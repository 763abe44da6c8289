using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>A charity's distribution over HTTP: free text where the public entry would carry it is refused by field; the catalogue and region codes work.</summary>
public sealed class PartnerApiTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    [Fact]
    public async Task ADistribution_WithFreeText_Is400ByField_AndAppendsNothing_WhileCatalogueIdsAndRegionCodesAreAccepted()
    {
        var references = await DemoData.ReceivedAtDemoHubAsync(app, 1, districtIndex: 2);
        var hub = await DemoData.ApiClientAsync(app, Roles.HubOperator);
        var charity = await DemoData.ApiClientAsync(app, Roles.CharityStaff);
        var sorted = await hub.PostAsJsonAsync("/api/v1/hub/lots",
            new { pickups = references, lots = new[] { new { stream = "Reuse", kg = 6m, categories = new[] { "Clothing" } } } });
        sorted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var lot = (await sorted.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetGuid();
        (await hub.PostAsJsonAsync($"/api/v1/hub/lots/{lot}/allocation", new { partnerId = DemoCharityId() })).EnsureSuccessStatusCode();
        (await charity.PostAsJsonAsync($"/api/v1/partner/lots/{lot}/receipt", new { kg = 6m, items = 20 })).EnsureSuccessStatusCode();
        var entriesBefore = await EntriesAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var freeText = await charity.PostAsJsonAsync($"/api/v1/partner/lots/{lot}/distributions",
            new { programme = "Winter coats for Mr Li, 138 0013 8000", region = "12 Main Street, Chaoyang", date = today, items = 2, beneficiaries = 1 });
        var nul = await charity.PostAsJsonAsync($"/api/v1/partner/lots/{lot}/distributions",
            new { programme = Guid.NewGuid().ToString(), region = "110105\u0000", date = today, items = 2, beneficiaries = 1 });

        freeText.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await freeText.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("programme", out _).ShouldBeTrue();
        errors.TryGetProperty("region", out _).ShouldBeTrue();
        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await EntriesAsync()).ShouldBe(entriesBefore);

        // What the form offers: the charity's own programmes and regions searched by name or code.
        var programmes = await charity.GetFromJsonAsync<JsonElement>("/api/v1/partner/programmes");
        var programme = programmes.EnumerateArray().First(p => p.GetProperty("active").GetBoolean()).GetProperty("id").GetGuid();
        var regions = await charity.GetFromJsonAsync<JsonElement>("/api/v1/regions?q=朝阳区");
        var chaoyang = regions.EnumerateArray().First(r => r.GetProperty("code").GetString()!.StartsWith("11", StringComparison.Ordinal));
        chaoyang.GetProperty("code").GetString().ShouldBe("110105");
        chaoyang.GetProperty("name").GetProperty("en").GetString().ShouldBe("Chaoyang District");

        HttpRequestMessage Give() => new(HttpMethod.Post, $"/api/v1/partner/lots/{lot}/distributions")
        {
            Content = JsonContent.Create(new { programme = programme.ToString(), region = "110105", date = today, items = 2, beneficiaries = 1 }),
            Headers = { { "Idempotency-Key", "give-once" } },
        };
        var given = await charity.SendAsync(Give());
        var retried = await charity.SendAsync(Give());
        given.IsSuccessStatusCode.ShouldBeTrue(await given.Content.ReadAsStringAsync());
        retried.IsSuccessStatusCode.ShouldBeTrue(await retried.Content.ReadAsStringAsync());
        var body = await given.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("regionCode").GetString().ShouldBe("110105");
        body.GetProperty("region").GetProperty("zh").GetString().ShouldBe("朝阳区");
        // The retry is the same distribution: its items count once and one entry is written.
        (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ShouldBe(body.GetProperty("id").GetGuid());
        (await EntriesAsync()).ShouldBe(entriesBefore + 1);
    }

    [Fact]
    public async Task AProgramme_NeedsBothNames_AndAnotherCharitysIsNotFound()
    {
        var charity = await DemoData.ApiClientAsync(app, Roles.CharityStaff);

        var blank = await charity.PostAsJsonAsync("/api/v1/partner/programmes", new { english = "", chinese = "" });
        var added = await charity.PostAsJsonAsync("/api/v1/partner/programmes", new { english = "Shoes for runners", chinese = "跑步鞋" });
        var again = await charity.PostAsJsonAsync("/api/v1/partner/programmes", new { english = "Shoes for runners", chinese = "跑步鞋" });
        var stranger = await charity.PutAsJsonAsync($"/api/v1/partner/programmes/{Guid.NewGuid()}", new { english = "x", chinese = "x", active = true });

        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await blank.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("english", out _).ShouldBeTrue();
        errors.TryGetProperty("chinese", out _).ShouldBeTrue();
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        stranger.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private Guid DemoCharityId()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RecyclePlatform.Infrastructure.Persistence.AppDbContext>();
        var user = db.Users.Single(u => u.Email == DemoAccounts.EmailFor(Roles.CharityStaff));
        return Guid.Parse(db.UserClaims.Single(c => c.UserId == user.Id && c.ClaimType == ScopeClaims.Partner).ClaimValue!);
    }

    /// <summary>Entries written so far, appended or still in the outbox.</summary>
    private async Task<int> EntriesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        // One statement, one snapshot: the sequencer moving rows from the outbox meanwhile cannot skew the sum.
        return await db.Database.SqlQuery<int>($"SELECT ((SELECT count(*) FROM ledger_entries) + (SELECT count(*) FROM ledger_outbox))::int AS \"Value\"")
            .SingleAsync();
    }
}
