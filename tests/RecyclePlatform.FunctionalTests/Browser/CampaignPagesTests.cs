using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>
/// A campaign's page, a team's page and a donor's impact story on a phone, in English and Chinese, with totals the
/// app computed from its own ledger: an administrator publishes factors and starts a campaign, the demo donor forms a
/// team and gives two pickups (6.5 kg each) that the hub sorts into 9 kg reused and 3.5 kg recycled.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CampaignPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string NameEn = "Warm Winter Beijing";
    private const string NameZh = "北京温暖冬衣";
    private const string TeamName = "Chaoyang Office Givers";

    [Fact]
    public async Task CampaignTeamAndDonorStory_ShowTheLedgersTotals_OnAPhone_InEnglishAndChinese()
    {
        var (slug, teamId, joinCode, references) = await ArrangeAsync();

        // The campaign's page: its story, progress against the goal, charts with their tables, leaderboards and the checkpoint line
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync($"/Campaigns/{slug}");
        await ReloadUntilTextAsync(page, page.GetByTestId("goal-text"), "13.0 kg of 100.0 kg collected at the door (13%)");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = NameEn, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".campaign-story")).ToContainTextAsync("Coats for families");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Beijing Clothes Bank");
        await Assertions.Expect(page.GetByTestId("campaign-counts")).ToContainTextAsync("Households2");
        await Assertions.Expect(page.GetByTestId("campaign-counts")).ToContainTextAsync("Bags4");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Kilograms collected, added up day by day: 13.0 kg so far" })).ToBeVisibleAsync();
        await page.Locator("summary", new() { HasText = "Show the days as a table" }).ClickAsync();
        await Assertions.Expect(page.Locator("table", new() { HasText = "Collected so far" })).ToContainTextAsync("13.0 kg");
        await page.Locator("summary", new() { HasText = "Show the sorting figures as a table" }).ClickAsync();
        var split = page.Locator("table", new() { HasText = "Outcome" });
        await Assertions.Expect(split.Locator("tr", new() { HasText = "Reuse" })).ToContainTextAsync("9.0 kg");
        await Assertions.Expect(split.Locator("tr", new() { HasText = "Recycle" })).ToContainTextAsync("3.5 kg");
        await Assertions.Expect(page.GetByTestId("leaders-teams")).ToContainTextAsync(TeamName);
        await Assertions.Expect(page.GetByTestId("leaders-cities")).ToContainTextAsync("Beijing");
        await Assertions.Expect(page.GetByTestId("checkpoint-line")).ToContainTextAsync("Computed from the public ledger at signed checkpoint");
        await Assertions.Expect(page.Locator(".checkpoint-line pre")).ToContainTextAsync($"impact {browser.BaseUrl} --campaign {slug}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Book a pickup" }).First).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("90-campaign-phone");

        var chinese = await browser.NewPhonePageAsync("zh-CN");
        await chinese.GotoAsync($"/Campaigns/{slug}");
        await Assertions.Expect(chinese.GetByRole(AriaRole.Heading, new() { Name = NameZh, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(chinese.GetByTestId("goal-text")).ToContainTextAsync("目标 100.0 公斤，已上门收取 13.0 公斤（13%）");
        await Assertions.Expect(chinese.Locator(".campaign-story")).ToContainTextAsync("为家庭送去冬衣");
        await chinese.Locator("summary", new() { HasText = "以表格显示每日数据" }).ClickAsync();
        await Assertions.Expect(chinese.Locator("table", new() { HasText = "累计收取" })).ToContainTextAsync("13.0 公斤");
        await Assertions.Expect(chinese.GetByTestId("checkpoint-line")).ToContainTextAsync("根据公开账本在已签名检查点");
        await chinese.ShouldPassAxeAsync();
        await chinese.ShouldFitThePhoneWidthAsync();
        await chinese.ScreenshotAsync("90-campaign-zh-phone");

        // The list of campaigns shows it running, with its progress
        await page.GotoAsync("/Campaigns");
        await Assertions.Expect(page.Locator("section", new() { HasText = "Running now" }).Locator(".campaign-card", new() { HasText = NameEn }))
            .ToContainTextAsync("13.0 kg of 100.0 kg collected at the door");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("91-campaigns-phone");

        // The team's public page: totals and campaigns, never its code or its members
        await page.GotoAsync($"/Teams/{teamId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = TeamName, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("team-members")).ToHaveTextAsync("1 member");
        await Assertions.Expect(page.GetByTestId("team-counts")).ToContainTextAsync("13.0 kg");
        await Assertions.Expect(page.GetByTestId("team-campaigns")).ToContainTextAsync(NameEn);
        await Assertions.Expect(page.GetByTestId("team-campaigns")).ToContainTextAsync("Sorted: 9.0 kg reused, 3.5 kg recycled, 0.0 kg waste");
        await page.Locator("summary", new() { HasText = "Show the sorting figures as a table" }).ClickAsync();
        await Assertions.Expect(page.Locator("table", new() { HasText = "Outcome" })).ToContainTextAsync("9.0 kg");
        await Assertions.Expect(page.GetByTestId("checkpoint-line")).ToContainTextAsync("signed checkpoint");
        (await page.ContentAsync()).ShouldNotContain(joinCode);
        (await page.ContentAsync()).ShouldNotContain("Demo Donor");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("92-team-phone");
        await chinese.GotoAsync($"/Teams/{teamId}");
        await Assertions.Expect(chinese.GetByTestId("team-members")).ToHaveTextAsync("1 名成员");
        await Assertions.Expect(chinese.GetByTestId("team-counts")).ToContainTextAsync("13.0 公斤");
        await Assertions.Expect(chinese.GetByTestId("team-campaigns")).ToContainTextAsync(NameZh);
        await chinese.ShouldPassAxeAsync();
        await chinese.ShouldFitThePhoneWidthAsync();
        await chinese.ScreenshotAsync("92-team-zh-phone");

        // The donor's own pages tell what their bags became
        var donor = await browser.NewPhonePageAsync();
        await donor.SignInAsDemoAsync(Roles.Consumer);
        await donor.GotoAsync($"/Pickups/Details/{references[0]}");
        var story = donor.GetByTestId("impact-story");
        await Assertions.Expect(story).ToContainTextAsync("Your 6.5 kg were sorted at the hub: 4.5 kg reused, 1.8 kg recycled.");
        await Assertions.Expect(story).ToContainTextAsync("kg CO2e");
        await Assertions.Expect(story).ToContainTextAsync("(factor table v");
        await donor.ShouldPassAxeAsync();
        await donor.ShouldFitThePhoneWidthAsync();
        await donor.ScreenshotAsync("93-donor-story-phone");
        await donor.GotoAsync($"/Pickups/Receipt/{references[0]}");
        await Assertions.Expect(donor.GetByTestId("impact-story")).ToContainTextAsync("4.5 kg reused");
        await donor.ShouldPassAxeAsync();
        await donor.ScreenshotAsync("93-donor-receipt-story-phone");

        // Their team page, with its code to share
        await donor.GotoAsync("/Teams");
        await Assertions.Expect(donor.GetByTestId("join-code")).ToHaveTextAsync(joinCode);
        await donor.ShouldPassAxeAsync();
        await donor.ShouldFitThePhoneWidthAsync();
        await donor.ScreenshotAsync("94-my-team-phone");

        // Appearing on the campaign's leaderboard is the donor's choice, under a name that is not their e-mail or phone
        await donor.GetByLabel("Name to show").FillAsync("me@example.org");
        await donor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(donor.Locator("#display-name-error")).ToContainTextAsync("without an e-mail address or phone number");
        await donor.GetByLabel("Name to show").FillAsync("Green Bean");
        await donor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(donor.Locator(".notice").First).ToContainTextAsync("Green Bean");
        await donor.GotoAsync($"/Campaigns/{slug}");
        await Assertions.Expect(donor.GetByTestId("leaders-givers")).ToContainTextAsync("Green Bean");
        await donor.ShouldPassAxeAsync();

        // Signed in through the English form, then the page asked for in Chinese, as the other donor journeys do
        var donorZh = await browser.NewPhonePageAsync();
        await donorZh.SignInAsDemoAsync(Roles.Consumer);
        await donorZh.GotoAsync($"/Pickups/Details/{references[0]}?culture=zh-CN&ui-culture=zh-CN");
        await Assertions.Expect(donorZh.GetByTestId("impact-story")).ToContainTextAsync("您的 6.5 公斤 已在分拣中心完成分拣：再利用 4.5 公斤、再生 1.8 公斤。");
        await Assertions.Expect(donorZh.GetByTestId("impact-story")).ToContainTextAsync("系数表第");
        await donorZh.ShouldPassAxeAsync();
        await donorZh.ShouldFitThePhoneWidthAsync();
        await donorZh.ScreenshotAsync("93-donor-story-zh-phone");
    }

    [Fact]
    public async Task ImpactAndAwarenessPages_ArePublic_Accessible_AndFitAPhone()
    {
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync("/Impact");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Our impact", Level = 1 })).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("95-impact-phone");

        await page.GotoAsync("/Awareness");
        await Assertions.Expect(page.GetByText("Tie shoes together in pairs.")).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("96-awareness-phone");
        var chinese = await browser.NewPhonePageAsync("zh-CN");
        await chinese.GotoAsync("/Awareness");
        await Assertions.Expect(chinese.GetByText("鞋子请成双绑好。")).ToBeVisibleAsync();
        await chinese.ShouldPassAxeAsync();
        await chinese.ScreenshotAsync("96-awareness-zh-phone");

        // Forming a team with no name is refused beside the field
        await (await DemoData.ApiClientAsync(browser.App, Roles.Consumer)).DeleteAsync("/api/v1/teams/membership");
        var donor = await browser.NewPhonePageAsync();
        await donor.SignInAsDemoAsync(Roles.Consumer);
        await donor.GotoAsync("/Teams");
        await donor.GetByRole(AriaRole.Button, new() { Name = "Form the team" }).ClickAsync();
        await Assertions.Expect(donor.Locator("#team-name-error")).ToContainTextAsync("2 to 80 characters");
        await donor.GetByLabel("Team code").FillAsync("ZZZZ-ZZZZ");
        await donor.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await Assertions.Expect(donor.Locator("#code-error")).ToContainTextAsync("No team has this code");
        await donor.ShouldPassAxeAsync();
        await donor.ShouldFitThePhoneWidthAsync();
        await donor.ScreenshotAsync("94-teams-errors-phone");
    }

    [Fact]
    public async Task Admin_PublishesFactors_AndStartsACampaign_WithErrorsBesideTheirFields()
    {
        var admin = await browser.NewLaptopPageAsync();
        await admin.SignInAsDemoAsync(Roles.Admin);

        // Factors: a value left out is pointed out beside it; filled in, the next version is published
        await admin.GotoAsync("/Admin/ImpactFactors");
        var rows = admin.Locator("fieldset.factor-row");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        for (var i = 0; i < 6; i++)
        {
            await rows.Nth(i).GetByLabel("Source", new() { Exact = true }).FillAsync("Test source");
            await rows.Nth(i).GetByLabel("Year of the source").FillAsync("2024");
            await rows.Nth(i).Locator("input[type=number]").First.FillAsync(i == 0 ? "" : "100");
        }
        await admin.GetByRole(AriaRole.Button, new() { Name = "Publish the new version" }).ClickAsync();
        await Assertions.Expect(rows.Nth(0).Locator(".field-error")).ToContainTextAsync("whole number");
        await admin.ShouldPassAxeAsync();
        await admin.ScreenshotAsync("97-admin-factors-error-laptop");
        await rows.Nth(0).Locator("input[type=number]").First.FillAsync("25000");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Publish the new version" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("published");
        await Assertions.Expect(admin.Locator("#current + p")).ToContainTextAsync("factor table v");

        // A campaign: refused without its fields, each error beside its field; then started
        await admin.GotoAsync("/Admin/Campaigns");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start the campaign" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".field:has(#name-en) .field-error")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator(".field:has(#goal) .field-error")).ToBeVisibleAsync();
        await admin.ShouldPassAxeAsync();
        await admin.ScreenshotAsync("97-admin-campaign-errors-laptop");
        var slug = $"spring-{Guid.NewGuid().ToString("N")[..6]}";
        await admin.Locator("#slug").FillAsync(slug);
        await admin.Locator("#name-en").FillAsync("Spring Clean Chengdu");
        await admin.Locator("#name-zh").FillAsync("成都春季清衣");
        await admin.Locator("#story-en").FillAsync("Clear your wardrobe for spring.");
        await admin.Locator("#story-zh").FillAsync("春季清理衣柜。");
        await admin.Locator("#starts").FillAsync("2027-03-01");
        await admin.Locator("#ends").FillAsync("2027-03-31");
        await admin.Locator("#goal").FillAsync("500");
        await admin.Locator("fieldset", new() { HasText = "Cities" }).GetByLabel("Chengdu").CheckAsync();
        await admin.Locator("#window-starts-0").FillAsync("06:30");
        await admin.Locator("#window-ends-0").FillAsync("08:00");
        await admin.Locator("#org-en-0").FillAsync("Chengdu Textile Trust");
        await admin.Locator("#org-zh-0").FillAsync("成都纺织信托");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start the campaign" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Campaign Spring Clean Chengdu started.");
        await Assertions.Expect(admin.Locator(".card", new() { HasText = slug })).ToContainTextAsync("goal 500.0 kg");
        await admin.ShouldPassAxeAsync();
        await admin.ScreenshotAsync("97-admin-campaigns-laptop");
        var visitor = await browser.NewPhonePageAsync();
        await visitor.GotoAsync($"/Campaigns/{slug}");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Spring Clean Chengdu", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator(".facts")).ToContainTextAsync("Chengdu Textile Trust");
        await Assertions.Expect(visitor.GetByTestId("campaign-windows")).ToContainTextAsync("06:30–08:00");

        // Its windows are the administrator's to change: one over the city's own windows is refused beside the fields
        await admin.GotoAsync($"/Admin/Campaigns?edit={slug}");
        await Assertions.Expect(admin.Locator("#window-starts-0")).ToHaveValueAsync("06:30");
        await admin.Locator("#window-ends-0").FillAsync("10:00");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the campaign" }).ClickAsync();
        await Assertions.Expect(admin.Locator("fieldset:has(#window-starts-0) .field-error")).ToContainTextAsync("outside the city's windows");
        await admin.ShouldPassAxeAsync();
        await admin.ScreenshotAsync("97-admin-campaign-windows-error-laptop");
    }

    /// <summary>Factors, a campaign running in Beijing, the donor's team, and two pickups collected and sorted, all through the API.</summary>
    private async Task<(string Slug, Guid TeamId, string JoinCode, List<string> References)> ArrangeAsync()
    {
        var app = browser.App;
        var admin = await DemoData.ApiClientAsync(app, Roles.Admin);
        var consumer = await DemoData.ApiClientAsync(app, Roles.Consumer);
        var cities = await admin.GetFromJsonAsync<JsonElement>("/api/v1/cities");
        var beijing = cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "beijing").GetProperty("id").GetGuid();

        object Factor(string stream, string measure, long value) => new { stream, measure, value, source = "Test factors for the browser journey", year = 2024 };
        (await admin.PostAsJsonAsync("/api/v1/impact/factors", new
        {
            factors = new[]
            {
                Factor("Reuse", "Co2e", 25_000), Factor("Recycle", "Co2e", 1_500), Factor("Waste", "Co2e", 0),
                Factor("Reuse", "Water", 2_000), Factor("Recycle", "Water", 100), Factor("Waste", "Water", 0),
            },
        })).EnsureSuccessStatusCode();

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var slug = $"warm-winter-{Guid.NewGuid().ToString("N")[..6]}";
        var created = await admin.PostAsJsonAsync("/api/v1/campaigns", new
        {
            slug,
            nameEn = NameEn,
            nameZh = NameZh,
            storyEn = "Coats for families in Beijing's coldest districts.\nEvery bag counts.",
            storyZh = "为家庭送去冬衣。\n每一袋都重要。",
            startsOn = today.AddDays(-1),
            endsOn = today.AddDays(30),
            goalKg = 100,
            cityIds = new[] { beijing },
            organisers = new[]
            {
                new { role = "Organiser", nameEn = "Beijing Clothes Bank", nameZh = "北京衣物银行" },
                new { role = "Partner", nameEn = "Green Fibre Recycling", nameZh = "绿色纤维回收" },
            },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The demo donor may already be in a team (demo data): they leave it and form their own.
        await consumer.DeleteAsync("/api/v1/teams/membership");
        var formed = await consumer.PostAsJsonAsync("/api/v1/teams", new { name = TeamName, kind = "Company" });
        formed.StatusCode.ShouldBe(HttpStatusCode.Created, await formed.Content.ReadAsStringAsync());
        var team = await formed.Content.ReadFromJsonAsync<JsonElement>();

        var references = await DemoData.ReceivedAtDemoHubAsync(app, 2, districtIndex: 3, campaignId);
        var hub = await DemoData.ApiClientAsync(app, Roles.HubOperator);
        var sorted = await hub.PostAsJsonAsync("/api/v1/hub/lots", new
        {
            pickups = references,
            lots = new[]
            {
                new { stream = "Reuse", kg = 9m, categories = new[] { "Clothing" } },
                new { stream = "Recycle", kg = 3.5m, categories = new[] { "Clothing" } },
            },
        });
        sorted.StatusCode.ShouldBe(HttpStatusCode.Created, await sorted.Content.ReadAsStringAsync());
        await DemoData.LedgerSettledAsync(app);
        return (slug, team.GetProperty("id").GetGuid(), team.GetProperty("joinCode").GetString()!, references);
    }

    /// <summary>The totals follow the signed checkpoint a moment after the ledger settles: reload until they do.</summary>
    private static async Task ReloadUntilTextAsync(IPage page, ILocator locator, string text)
    {
        for (var attempt = 0; attempt < 50 && !((await locator.CountAsync()) > 0 && (await locator.First.TextContentAsync() ?? "").Contains(text, StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }
        await Assertions.Expect(locator.First).ToContainTextAsync(text);
    }
}
