using Microsoft.Playwright;
using Microsoft.VisualBasic.FileIO;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>The hub sorts and allocates, the charity confirms, distributes and audits, on phones in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LotJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheHubSortsAndAllocates_AndTheCharityConfirmsDistributesAndDownloadsItsVerifiedTrail()
    {
        var references = await DemoData.ReceivedAtDemoHubAsync(browser.App, 2, districtIndex: 1);

        // The hub operator sorts both pickups (13 kg received) into reuse and recycle lots
        var hub = await browser.NewPhonePageAsync();
        await hub.SignInAsDemoAsync(Roles.HubOperator);
        await hub.GotoAsync("/Hub/Sort");
        await hub.GetByLabel("Weight (kg)").First.FillAsync("20");
        await hub.Locator("fieldset.panel").First.GetByLabel("Clothing").CheckAsync();
        await hub.GetByRole(AriaRole.Button, new() { Name = "Create lots" }).ClickAsync();
        // Too heavy: explained next to the form, nothing created
        await Assertions.Expect(hub.Locator("#form-error")).ToContainTextAsync("The lots weigh more than was received");
        await hub.ShouldPassAxeAsync();
        await hub.ShouldFitThePhoneWidthAsync();
        await hub.ScreenshotAsync("70-hub-sort-error-phone");
        var streams = hub.Locator("fieldset.panel");
        await streams.Nth(0).GetByLabel("Weight (kg)").FillAsync("9");
        await streams.Nth(1).GetByLabel("Weight (kg)").FillAsync("3.5");
        await streams.Nth(1).GetByLabel("Home textiles").CheckAsync();
        await hub.GetByRole(AriaRole.Button, new() { Name = "Create lots" }).ClickAsync();
        await Assertions.Expect(hub.GetByRole(AriaRole.Status)).ToContainTextAsync("2 lots made from 2 pickups.");
        var reuse = hub.Locator("li.card").Filter(new() { HasText = "Reuse" });
        await reuse.GetByLabel("Charity").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        var charityName = (await reuse.GetByLabel("Charity").Locator("option").First.TextContentAsync())!.Trim(' ', '✓');
        await hub.ShouldPassAxeAsync();
        await hub.ShouldFitThePhoneWidthAsync();
        await hub.ScreenshotAsync("71-hub-lots-phone");
        await reuse.GetByRole(AriaRole.Button, new() { Name = "Allocate" }).ClickAsync();
        await Assertions.Expect(hub.GetByRole(AriaRole.Status)).ToContainTextAsync("Allocated to");

        // The charity confirms receipt and records a distribution
        var charity = await browser.NewPhonePageAsync();
        await charity.SignInAsDemoAsync(Roles.CharityStaff);
        await charity.GotoAsync("/Charity");
        var lot = charity.Locator("li.card").Filter(new() { HasText = "Reuse" });
        await Assertions.Expect(lot).ToContainTextAsync("9 kg");
        await lot.GetByLabel("Items received").FillAsync("30");
        await charity.ShouldPassAxeAsync();
        await charity.ShouldFitThePhoneWidthAsync();
        await charity.ScreenshotAsync("72-charity-lot-phone");
        await lot.GetByRole(AriaRole.Button, new() { Name = "Confirm receipt" }).ClickAsync();
        await Assertions.Expect(charity.GetByRole(AriaRole.Status)).ToContainTextAsync("Receipt confirmed");
        // Programmes come from the charity's own catalogue: add one on its page, then pick it.
        await lot.GetByRole(AriaRole.Link, new() { Name = "Add or rename programmes" }).ClickAsync();
        var add = charity.Locator("#add-programme");
        await add.GetByLabel("Name in English").FillAsync("Coats for schools");
        await add.GetByLabel("Name in Chinese").FillAsync("学校冬衣");
        await charity.GetByRole(AriaRole.Button, new() { Name = "Add programme" }).ClickAsync();
        await Assertions.Expect(charity.GetByRole(AriaRole.Status)).ToContainTextAsync("Coats for schools");
        await charity.ShouldPassAxeAsync();
        await charity.ShouldFitThePhoneWidthAsync();
        await charity.ScreenshotAsync("76-charity-programmes-phone");
        await charity.GotoAsync("/Charity");
        lot = charity.Locator("li.card").Filter(new() { HasText = "Reuse" });
        await lot.GetByLabel("Programme").SelectOptionAsync(new SelectOptionValue { Label = "Coats for schools" });
        // The day offered first is today in the lot's city (Beijing), not the UTC date
        var beijingToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        await Assertions.Expect(lot.GetByLabel("Date", new() { Exact = true })).ToHaveValueAsync(beijingToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        // Regions by GB/T 2260 code, offered from the list (110105 is Beijing's Chaoyang District).
        await lot.GetByLabel("Region").FillAsync("110105");
        await charity.ShouldPassAxeAsync();
        await lot.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "77-charity-distribute-phone.png") });
        await lot.GetByLabel("Items").FillAsync("31");
        await lot.GetByLabel("People helped").FillAsync("12");
        await lot.GetByRole(AriaRole.Button, new() { Name = "Record distribution" }).ClickAsync();
        // A refusal is an error (role alert), not a "done" status.
        await Assertions.Expect(charity.GetByRole(AriaRole.Alert)).ToContainTextAsync("more items than are left");
        await Assertions.Expect(charity.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await lot.GetByLabel("Programme").SelectOptionAsync(new SelectOptionValue { Label = "Winter coats for families" });
        await lot.GetByLabel("Region").FillAsync("110105");
        await lot.GetByLabel("Items").FillAsync("25");
        await lot.GetByLabel("People helped").FillAsync("12");
        await lot.GetByRole(AriaRole.Button, new() { Name = "Record distribution" }).ClickAsync();
        await Assertions.Expect(charity.GetByRole(AriaRole.Status)).ToContainTextAsync("Distribution recorded");
        await Assertions.Expect(lot).ToContainTextAsync("5 items left to distribute");

        // The audit trail: from both doors to the distribution, every proof checked
        await lot.GetByRole(AriaRole.Link, new() { Name = "Audit trail of this lot" }).ClickAsync();
        await CourierJourneyTests.ReloadUntilAsync(charity, charity.Locator("li[data-verified=true]"), 8);
        await Assertions.Expect(charity.Locator("li[data-verified=false]")).ToHaveCountAsync(0);
        await charity.ShouldPassAxeAsync();
        await charity.ShouldFitThePhoneWidthAsync();
        await charity.ScreenshotAsync("73-charity-audit-phone");
        var download = await charity.RunAndWaitForDownloadAsync(() => charity.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        var path = await download.PathAsync();
        using (var csv = new TextFieldParser(path!) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true })
        {
            csv.SetDelimiters(",");
            csv.ReadFields().ShouldBe(["ledgerIndex", "kind", "at", "lot", "stream", "city", "grams", "verified", "leafHash", "entry"]);
            var rows = new List<string[]>();
            while (!csv.EndOfData)
            {
                rows.Add(csv.ReadFields()!);
            }
            rows.Count.ShouldBe(8);
            rows.Select(r => r[1]).Order().ShouldBe(["allocated", "collected", "collected", "distributed", "received_at_hub", "received_at_hub", "received_by_partner", "sorted"]);
            rows.ShouldAllBe(r => r[7] == "true" && r[5] == "Beijing");
            rows.Single(r => r[1] == "sorted")[6].ShouldBe("9000");
            rows.Single(r => r[1] == "distributed")[9].ShouldContain("\"region\":\"110105\"");
        }

        await charity.GotoAsync("/Charity/Statement");
        await Assertions.Expect(charity.Locator("table")).ToContainTextAsync("Winter coats");
        await charity.ShouldPassAxeAsync();
        await charity.ScreenshotAsync("74-charity-statement-phone");

        // The donor sees where the clothes went
        var donor = await browser.NewPhonePageAsync();
        await donor.SignInAsDemoAsync(Roles.Consumer);
        await donor.GotoAsync($"/Pickups/Receipt/{references[0]}");
        await Assertions.Expect(donor.GetByTestId("receipt-lots")).ToContainTextAsync($"received by {charityName}");
        await Assertions.Expect(donor.GetByTestId("receipt-lots")).ToContainTextAsync("Winter coats for families in Chaoyang District: 25 items to 12 people");
        await donor.ShouldPassAxeAsync();
        await donor.ScreenshotAsync("75-donor-where-it-went-phone");

        // The pickup's tracker follows the lot past "Sorted": received by the charity, then given out
        foreach (var (culture, laptop, name) in new[] { ("en", false, "78-donor-tracker-phone"), ("zh-CN", false, "78-donor-tracker-zh-phone"),
            ("en", true, "78-donor-tracker-laptop"), ("zh-CN", true, "78-donor-tracker-zh-laptop") })
        {
            var page = laptop ? await browser.NewLaptopPageAsync() : await browser.NewPhonePageAsync();
            await page.SignInAsDemoAsync(Roles.Consumer);
            await page.GotoAsync($"/Pickups/Details/{references[0]}?culture={culture}&ui-culture={culture}");
            await Assertions.Expect(page.Locator(".tracker .step-done")).ToHaveCountAsync(6);
            await page.ShouldPassAxeAsync();
            await page.ScreenshotAsync(name);
        }
        await donor.GotoAsync($"/Pickups/Details/{references[0]}");
        await Assertions.Expect(donor.Locator(".tracker .step-done").Last).ToContainTextAsync("Given to people who need it");
    }
}
