using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>
/// A team's collection point on a phone: the founder holds one on the pages (a missing street pointed out beside it),
/// a member books their bags there in Chinese and gets their own pickup at the point's address, and the public team
/// page shows when and where in which district, never the address.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CollectionPointPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Street = "Riverside Gardens Clubhouse, 8 Riverside Road";

    [Fact]
    public async Task TheFounderHoldsAPoint_AMemberBooksTheirBagsThere_ThePublicSeesNoAddress()
    {
        var founderApi = await DemoData.ApiClientAsync(browser.App, Roles.Consumer);
        await founderApi.DeleteAsync("/api/v1/teams/membership");
        var team = await (await founderApi.PostAsJsonAsync("/api/v1/teams", new { name = "Riverside Gardens", kind = "Community" })).Content.ReadFromJsonAsync<JsonElement>();
        var teamId = team.GetProperty("id").GetGuid();

        // The founder: from their team, choose the district, then a window and the address
        var founder = await browser.NewPhonePageAsync();
        await founder.SignInAsDemoAsync(Roles.Consumer);
        await founder.GotoAsync("/Teams");
        await founder.GetByRole(AriaRole.Link, new() { Name = "Hold a collection point" }).ClickAsync();
        await founder.GetByLabel("District").SelectOptionAsync(new SelectOptionValue { Label = "Beijing · Dongcheng" });
        await founder.GetByRole(AriaRole.Button, new() { Name = "Show the windows" }).ClickAsync();
        await founder.Locator("input[name='Input.SlotId']").First.CheckAsync();
        await founder.GetByLabel("Who the courier asks for").FillAsync("Organiser Wu");
        await founder.GetByLabel("Phone").FillAsync("139 0000 1111");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Hold the collection point" }).ClickAsync();
        await Assertions.Expect(founder.Locator("#Input_Address_Street-error")).ToContainTextAsync("street");
        await founder.ShouldPassAxeAsync();
        await founder.ShouldFitThePhoneWidthAsync();
        await founder.ScreenshotAsync("98-point-hold-error-phone");
        await founder.Locator("input[name='Input.SlotId']").First.CheckAsync();
        await founder.GetByLabel("Street and number where members bring their bags").FillAsync(Street);
        await founder.GetByLabel("Notes for members and the courier").FillAsync("Tables just inside the main door.");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Hold the collection point" }).ClickAsync();
        await Assertions.Expect(founder.GetByRole(AriaRole.Heading, new() { Name = "Collection point in Dongcheng", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(founder.GetByRole(AriaRole.Status)).ToContainTextAsync("Collection point held");
        await Assertions.Expect(founder.GetByTestId("point-address")).ToContainTextAsync(Street);
        await Assertions.Expect(founder.GetByRole(AriaRole.Button, new() { Name = "Call off this collection point" })).ToBeVisibleAsync();
        await founder.ShouldPassAxeAsync();
        await founder.ShouldFitThePhoneWidthAsync();
        await founder.ScreenshotAsync("98-point-phone");
        var pointUrl = founder.Url;

        // A neighbour registers, joins the team with its code, and books their own bags at the point in Chinese
        var member = await browser.NewPhonePageAsync();
        await member.GotoAsync("/Account/Register");
        await member.GetByLabel("Your name").FillAsync("Li Na");
        var email = $"li.{Guid.NewGuid():N}@example.org";
        await member.GetByLabel("E-mail address").FillAsync(email);
        await member.Locator("#Input_Password").FillAsync(DemoData.DonorPassword);
        await member.Locator("#Input_ConfirmPassword").FillAsync(DemoData.DonorPassword);
        await member.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        await member.GotoAsync(Mailbox.LinkTo(await Mailbox.WaitForAsync(browser.App, email, "Confirm"), "/Account/ConfirmEmail"));
        await member.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await member.SignInAsync(email, DemoData.DonorPassword);
        await member.GotoAsync("/Teams");
        await member.GetByLabel("Team code").FillAsync(team.GetProperty("joinCode").GetString()!);
        await member.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("team-points")).ToContainTextAsync("Beijing · Dongcheng");
        await member.GotoAsync($"{pointUrl}?culture=zh-CN&ui-culture=zh-CN");
        await Assertions.Expect(member.GetByTestId("point-address")).ToContainTextAsync(Street);
        await member.GetByLabel("衣物", new() { Exact = true }).CheckAsync();
        await member.GetByLabel("袋数").FillAsync("3");
        await member.Locator("input[name='Input.Weight']").First.CheckAsync();
        await member.Locator("input[name='Input.Condition']").First.CheckAsync();
        await member.ShouldPassAxeAsync();
        await member.ShouldFitThePhoneWidthAsync();
        await member.ScreenshotAsync("98-point-book-zh-phone");
        await member.GetByRole(AriaRole.Button, new() { Name = "在此预约我的袋子" }).ClickAsync();
        await Assertions.Expect(member).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Pickups/Details/"));
        await Assertions.Expect(member.Locator("body")).ToContainTextAsync(Street);
        await member.ShouldPassAxeAsync();
        await member.ScreenshotAsync("98-point-pickup-zh-phone");

        // The public team page: the day and district with its households, never the address or the contact
        var visitor = await browser.NewPhonePageAsync();
        await visitor.GotoAsync($"/Teams/{teamId}");
        await Assertions.Expect(visitor.GetByTestId("team-points")).ToContainTextAsync("Beijing · Dongcheng");
        await Assertions.Expect(visitor.GetByTestId("team-points")).ToContainTextAsync("1 of at most 60 households booked, 3 bags");
        (await visitor.ContentAsync()).ShouldNotContain("Riverside Road");
        (await visitor.ContentAsync()).ShouldNotContain("139 0000 1111");
        await visitor.ShouldPassAxeAsync();
        await visitor.ShouldFitThePhoneWidthAsync();
        await visitor.ScreenshotAsync("98-team-points-phone");
        await visitor.GotoAsync(pointUrl);
        await Assertions.Expect(visitor.Locator("body")).ToContainTextAsync("Only the team's members see the address");
        (await visitor.ContentAsync()).ShouldNotContain("Riverside Road");
    }

    [Fact]
    public async Task ACampaignsOwnWindow_IsMarkedOnTheBookingForm_AndTheBookingCountsForIt()
    {
        var admin = await DemoData.ApiClientAsync(browser.App, Roles.Admin);
        var cities = await admin.GetFromJsonAsync<JsonElement>("/api/v1/cities");
        var beijing = cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "beijing").GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = await admin.PostAsJsonAsync("/api/v1/campaigns", new
        {
            slug = $"early-{Guid.NewGuid().ToString("N")[..6]}",
            nameEn = "Early Birds",
            nameZh = "早鸟行动",
            storyEn = "Give before work.",
            storyZh = "上班前捐赠。",
            startsOn = today.AddDays(-1),
            endsOn = today.AddDays(20),
            goalKg = 300,
            cityIds = new[] { beijing },
            windows = new[] { new { starts = "07:00", ends = "08:30" } },
        });
        created.EnsureSuccessStatusCode();

        var page = await browser.NewPhonePageAsync();
        await page.SignInAsDemoAsync(Roles.Consumer);
        await page.GotoAsync("/Pickups/Book");
        await page.GetByLabel("District").SelectOptionAsync(new SelectOptionValue { Label = "Beijing · Haidian" });
        await page.GetByLabel("Street and number").FillAsync("1 Zhongguancun Street");
        await page.GetByLabel("Contact name").FillAsync("Demo Donor");
        await page.GetByLabel("Phone").FillAsync("138 0013 8000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: choose a time" }).ClickAsync();

        // The campaign's window is listed with the city's and says whose it is (tomorrow's shifts start at 08:00, so that
        // day's early window has no places: the first open one is later)
        var early = page.Locator("label.choice:not(.choice-off)", new() { HasText = "Early Birds window" }).First;
        await Assertions.Expect(early).ToContainTextAsync("07:00–08:30");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("99-book-campaign-window-phone");
        await early.Locator("input").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: what you are giving" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice", new() { HasText = "Early Birds" })).ToContainTextAsync("your pickup counts for it");
        await page.GetByLabel("Clothing").CheckAsync();
        await page.GetByLabel("Number of bags").FillAsync("2");
        await page.GetByLabel("5–10 kg").CheckAsync();
        await page.GetByLabel("Yes, wearable").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book pickup" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your pickup is booked.");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("07:00");
    }
}
