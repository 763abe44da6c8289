using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using SkiaSharp;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>
/// Shareable impact cards over HTTP, on the app's own ledger: a team's card and a donor's shared card are real
/// 1200 × 630 PNGs in English and Chinese that the pages' OpenGraph tags point to by absolute address; the shared
/// page shows nothing personal; stopping sharing (or deleting the account) makes the link a 404; only the donor
/// can stop their own sharing; and any garbage in place of a token is a 404 (NUL: the platform's 400), never a 500.
/// </summary>
public sealed class ImpactCardTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    [Fact]
    public async Task TeamAndSharedDonorCards_ArePngs_InBothLanguages_TheirPagesPointToThem_AndStoppingSharingEndsTheLink()
    {
        var admin = await DemoData.ApiClientAsync(app, Roles.Admin);
        var donor = await DemoData.ApiClientAsync(app, Roles.Consumer);
        var anonymous = app.CreateClient();
        (await admin.PostAsJsonAsync("/api/v1/impact/factors", new { factors = Factors() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await donor.DeleteAsync("/api/v1/teams/membership");
        var formed = await donor.PostAsJsonAsync("/api/v1/teams", new { name = "Card Givers 北风", kind = "Company" });
        formed.StatusCode.ShouldBe(HttpStatusCode.Created, await formed.Content.ReadAsStringAsync());
        var teamId = (await formed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var references = await DemoData.ReceivedAtDemoHubAsync(app, 1, districtIndex: 2);
        var hub = await DemoData.ApiClientAsync(app, Roles.HubOperator);
        (await hub.PostAsJsonAsync("/api/v1/hub/lots", new
        {
            pickups = references,
            lots = new[] { new { stream = "Reuse", kg = 5m, categories = new[] { "Clothing" } }, new { stream = "Recycle", kg = 1.5m, categories = new[] { "Clothing" } } },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var size = await DemoData.LedgerSettledAsync(app);
        await TeamTotalsAtAsync(anonymous, teamId, size);

        // The team's card, in English and Chinese, and the page's tags that point to it
        foreach (var lang in new[] { "en", "zh" })
        {
            var card = await anonymous.GetAsync($"/Teams/{teamId}/card.png?lang={lang}");
            await ShouldBeCardAsync(card);
            card.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromSeconds(60));
            var again = new HttpRequestMessage(HttpMethod.Get, $"/Teams/{teamId}/card.png?lang={lang}");
            again.Headers.TryAddWithoutValidation("If-None-Match", card.Headers.ETag!.Tag);
            (await anonymous.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        }
        var en = await anonymous.GetAsync($"/Teams/{teamId}/card.png?lang=en");
        var zh = await anonymous.GetAsync($"/Teams/{teamId}/card.png?lang=zh");
        en.Headers.ETag!.Tag.ShouldNotBe(zh.Headers.ETag!.Tag);
        var teamPage = await anonymous.GetStringAsync($"/Teams/{teamId}");
        var image = Meta(teamPage, "og:image");
        image.ShouldBe($"http://localhost/Teams/{teamId}/card.png?lang=en");
        Meta(teamPage, "og:url").ShouldBe($"http://localhost/Teams/{teamId}");
        Meta(teamPage, "og:image:width").ShouldBe("1200");
        Meta(teamPage, "og:image:height").ShouldBe("630");
        Meta(teamPage, "og:type").ShouldBe("website");
        Meta(teamPage, "og:locale").ShouldBe("en_GB");
        Meta(teamPage, "og:title").ShouldContain("Card Givers 北风");
        Meta(teamPage, "og:description").ShouldContain("6.5 kg collected at the door");
        Meta(teamPage, "twitter:card", "name").ShouldBe("summary_large_image");
        await ShouldBeCardAsync(await anonymous.GetAsync(new Uri(image).PathAndQuery));
        var teamPageZh = await anonymous.GetStringAsync($"/Teams/{teamId}?culture=zh-CN&ui-culture=zh-CN");
        Meta(teamPageZh, "og:image").ShouldBe($"http://localhost/Teams/{teamId}/card.png?lang=zh");
        Meta(teamPageZh, "og:locale").ShouldBe("zh_CN");
        (await anonymous.GetAsync($"/Teams/{Guid.NewGuid()}/card.png")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The donor shares: a new link, then the same one again
        (await donor.GetAsync("/api/v1/impact/share")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var shared = await donor.PostAsync("/api/v1/impact/share", null);
        shared.StatusCode.ShouldBe(HttpStatusCode.Created, await shared.Content.ReadAsStringAsync());
        shared.Headers.Location!.OriginalString.ShouldBe("/api/v1/impact/share");
        var link = await shared.Content.ReadFromJsonAsync<JsonElement>();
        var token = link.GetProperty("token").GetString()!;
        token.ShouldMatch("^[A-Za-z0-9_-]{24}$");
        link.GetProperty("url").GetString().ShouldBe($"http://localhost/Share/{token}");
        var twice = await donor.PostAsync("/api/v1/impact/share", null);
        twice.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString().ShouldBe(token);
        (await donor.GetFromJsonAsync<JsonElement>("/api/v1/impact/share")).GetProperty("token").GetString().ShouldBe(token);

        // The shared page: the donor's totals and card, under a neutral name, and nothing personal in the HTML
        var page = await anonymous.GetStringAsync($"/Share/{token}");
        Meta(page, "og:image").ShouldBe($"http://localhost/Share/{token}/card.png?lang=en");
        Meta(page, "og:url").ShouldBe($"http://localhost/Share/{token}");
        Meta(page, "twitter:card", "name").ShouldBe("summary_large_image");
        Meta(page, "robots", "name").ShouldBe("noindex");
        page.ShouldContain("A RecyclePlatform donor");
        var mine = await donor.GetFromJsonAsync<JsonElement>("/api/v1/impact/mine");
        page.ShouldContain((mine.GetProperty("doorGrams").GetInt64() / 1000m).ToString("N1", System.Globalization.CultureInfo.InvariantCulture) + " kg");
        string[] personal = [DemoAccounts.EmailFor(Roles.Consumer), "Demo Donor", "138 0013 8000", "13800138000", "Dongzhimen", "Gate code", "Ring at the courtyard", .. references];
        foreach (var secret in personal)
        {
            page.ShouldNotContain(secret, Case.Insensitive);
        }
        foreach (var lang in new[] { "en", "zh" })
        {
            var card = await anonymous.GetAsync($"/Share/{token}/card.png?lang={lang}");
            await ShouldBeCardAsync(card);
            card.Headers.CacheControl!.NoCache.ShouldBeTrue();
        }
        // Under the public name the donor chose, once they choose one
        (await donor.PutAsJsonAsync("/api/v1/impact/public-name", new { displayName = "Green Bean" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetStringAsync($"/Share/{token}")).ShouldContain("Green Bean");
        (await donor.PutAsJsonAsync("/api/v1/impact/public-name", new { displayName = "" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Another donor cannot stop someone else's sharing: theirs is the only link they can name
        var other = await NewDonorAsync();
        (await other.DeleteAsync("/api/v1/impact/share")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anonymous.GetAsync($"/Share/{token}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync($"/Share/{token}/card.png")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The donor stops: the page and the card are gone; sharing again is a new link
        (await donor.DeleteAsync("/api/v1/impact/share")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anonymous.GetAsync($"/Share/{token}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/Share/{token}/card.png?lang=zh")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await donor.GetAsync("/api/v1/impact/share")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var anew = await donor.PostAsync("/api/v1/impact/share", null);
        anew.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await anew.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString().ShouldNotBe(token);
        (await donor.DeleteAsync("/api/v1/impact/share")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Only donors share, and only signed in
        (await anonymous.PostAsync("/api/v1/impact/share", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await DemoData.ApiClientAsync(app, Roles.Courier)).PostAsync("/api/v1/impact/share", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GarbageInPlaceOfAToken_IsA404_NeverA500()
    {
        var anonymous = app.CreateClient();
        string[] tokens =
        [
            "AAAAAAAAAAAAAAAAAAAAAAAA", // the shape of a token, shared by no one
            "x", "%F0%9F%98%80", "%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80", new string('a', 10 * 1024),
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "..%2F..%2Fetc", "%20", "%E2%80%AE", "AAAAAAAAAAAAAAAAAAAAAAA%3D",
        ];
        foreach (var token in tokens)
        {
            (await anonymous.GetAsync($"/Share/{token}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, token[..Math.Min(40, token.Length)]);
            (await anonymous.GetAsync($"/Share/{token}/card.png")).StatusCode.ShouldBe(HttpStatusCode.NotFound, token[..Math.Min(40, token.Length)]);
        }
        // An escaped "%00" is just text in a token; a NUL itself is refused before any endpoint, everywhere on the
        // platform (Hosting/InputRules.cs; the test server cannot even send one in a path, so it goes in the query).
        (await anonymous.GetAsync("/Share/a%2500b")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/Share/a%2500b/card.png")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/Share/AAAAAAAAAAAAAAAAAAAAAAAA/card.png?lang=%00")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await anonymous.GetAsync($"/Teams/{Guid.NewGuid()}/card.png?lang={new string('z', 10 * 1024)}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/Teams/not-a-guid/card.png")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingTheAccount_DeletesTheShareLink()
    {
        var (client, email) = await NewDonorWithEmailAsync();
        var token = (await (await client.PostAsync("/api/v1/impact/share", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var anonymous = app.CreateClient();
        (await anonymous.GetAsync($"/Share/{token}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetStringAsync($"/Share/{token}")).ShouldNotContain(email, Case.Insensitive);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<IIdentityService>();
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            var userId = await db.ImpactShareLinks.Where(l => l.Token == token).Select(l => l.UserId).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<DeleteAccountHandler>().HandleAsync(userId, CancellationToken.None);
            (await db.ImpactShareLinks.AnyAsync(l => l.UserId == userId)).ShouldBeFalse();
            (await accounts.ContactsAsync([userId], CancellationToken.None)).ContainsKey(userId).ShouldBeFalse();
        }
        (await anonymous.GetAsync($"/Share/{token}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/Share/{token}/card.png")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task ShouldBeCardAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        bitmap.ShouldNotBeNull();
        (bitmap.Width, bitmap.Height).ShouldBe((1200, 630));
    }

    private static string Meta(string html, string key, string attribute = "property")
    {
        var match = Regex.Match(html, $"<meta {attribute}=\"{Regex.Escape(key)}\" content=\"([^\"]*)\"");
        match.Success.ShouldBeTrue($"no <meta {attribute}=\"{key}\">");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The team's totals once this node has folded the log up to <paramref name="size"/> entries.</summary>
    private static async Task TeamTotalsAtAsync(HttpClient client, Guid teamId, long size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var team = await client.GetFromJsonAsync<JsonElement>($"/api/v1/teams/{teamId}");
            if (team.GetProperty("checkpoint") is { ValueKind: JsonValueKind.Object } at && at.GetProperty("size").GetInt64() >= size)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The team's totals did not reach checkpoint {size}: {team}");
            }
            await Task.Delay(200);
        }
    }

    private async Task<HttpClient> NewDonorAsync() => (await NewDonorWithEmailAsync()).Client;

    private async Task<(HttpClient Client, string Email)> NewDonorWithEmailAsync()
    {
        var email = $"sharer.{Guid.NewGuid():N}@example.org";
        const string password = "a long enough secret";
        await Mailbox.RegisterConfirmedAsync(app, email, password);
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return (client, email);
    }

    private static object[] Factors() =>
    [
        new { stream = "Reuse", measure = "Co2e", value = 3600L, source = "Test source", year = 2024 },
        new { stream = "Reuse", measure = "Water", value = 6000L, source = "Test source", year = 2024 },
        new { stream = "Recycle", measure = "Co2e", value = 1500L, source = "Test source", year = 2024 },
        new { stream = "Recycle", measure = "Water", value = 0L, source = "Test source", year = 2024 },
        new { stream = "Waste", measure = "Co2e", value = 0L, source = "Test source", year = 2024 },
        new { stream = "Waste", measure = "Water", value = 0L, source = "Test source", year = 2024 },
    ];
}

/// <summary>The app with no impact tally folding the log, as a node that has just started and is still folding it.</summary>
public sealed class FoldlessWebFactory : RecycleWebFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
        {
            foreach (var worker in services.Where(s => s.ImplementationType == typeof(RecyclePlatform.Infrastructure.BackgroundWork.ImpactTallyWorker)).ToList())
            {
                services.Remove(worker);
            }
        });
    }
}

/// <summary>While the totals are being computed, a card is a 503 with Retry-After and a problem body, never a broken image.</summary>
public sealed class ImpactCardNotReadyTests(FoldlessWebFactory app) : IClassFixture<FoldlessWebFactory>
{
    [Fact]
    public async Task WhileTheTotalsAreComputed_ACardIs503WithRetryAfter_AndThePagesSaySo()
    {
        var donor = await DemoData.ApiClientAsync(app, Roles.Consumer);
        await donor.DeleteAsync("/api/v1/teams/membership");
        var formed = await donor.PostAsJsonAsync("/api/v1/teams", new { name = "Early Birds", kind = "University" });
        var teamId = (await formed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var token = (await (await donor.PostAsync("/api/v1/impact/share", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var anonymous = app.CreateClient();
        foreach (var path in new[] { $"/Teams/{teamId}/card.png?lang=en", $"/Share/{token}/card.png?lang=zh" })
        {
            var card = await anonymous.GetAsync(path);
            card.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, path);
            card.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
            card.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        var teamPage = await anonymous.GetStringAsync($"/Teams/{teamId}");
        teamPage.ShouldContain("The totals are being computed");
        teamPage.ShouldNotContain("og:image");
        (await anonymous.GetStringAsync($"/Share/{token}")).ShouldContain("The totals are being computed");
    }
}
