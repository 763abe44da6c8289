using Microsoft.Playwright;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>A courier's day on a phone, then the hub hand-over, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CourierJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Courier_CollectsOneStop_FailsAnother_AndTheHubReceivesTheBags()
    {
        // Two days ahead: the courier collects before the booked day, which the stop page asks to confirm.
        var (references, day) = await DemoData.AssignedStopsForDemoCourierAsync(browser.App, 2, districtIndex: 0, daysAhead: 2);
        var courier = await browser.NewPhonePageAsync();
        await courier.SignInAsDemoAsync(Roles.Courier);

        // The day, in route order
        await courier.GotoAsync($"/Courier?day={day}");
        var stops = courier.Locator("ol.stops > li");
        await Assertions.Expect(stops.Filter(new() { HasText = "10 Dongzhimen Street" })).ToHaveCountAsync(1);
        await courier.ShouldPassAxeAsync();
        await courier.ShouldFitThePhoneWidthAsync();
        await courier.ScreenshotAsync("40-courier-day-phone");

        // The day's route on a map (drawn without tiles here: no network), and directions in the chosen app
        var stopsThatDay = await stops.CountAsync();
        await Assertions.Expect(courier.Locator("#courier-map .map-pin")).ToHaveCountAsync(stopsThatDay);
        await Assertions.Expect(courier.Locator("#courier-map path.leaflet-interactive")).ToHaveCountAsync(1);
        await Assertions.Expect(stops.First.GetByRole(AriaRole.Link, new() { Name = "Directions (AMap)" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://uri\\.amap\\.com/"));
        await courier.Locator("summary", new() { HasText = "Directions open in AMap" }).ClickAsync();
        await courier.GetByLabel("Map app for directions").SelectOptionAsync("Apple");
        await courier.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(courier.GetByRole(AriaRole.Status)).ToContainTextAsync("Apple Maps");
        await Assertions.Expect(stops.First.GetByRole(AriaRole.Link, new() { Name = "Directions (Apple Maps)" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://maps\\.apple\\.com/\\?daddr="));
        foreach (var (culture, laptop, name) in new[] { ("zh-CN", false, "40-courier-day-zh-phone"), ("en", true, "40-courier-day-laptop"), ("zh-CN", true, "40-courier-day-zh-laptop") })
        {
            var other = laptop ? await browser.NewLaptopPageAsync() : await browser.NewPhonePageAsync();
            await other.SignInAsDemoAsync(Roles.Courier);
            await other.GotoAsync($"/Courier?day={day}&culture={culture}&ui-culture={culture}");
            await Assertions.Expect(other.Locator("#courier-map .map-pin")).ToHaveCountAsync(stopsThatDay);
            await other.ShouldPassAxeAsync();
            await other.ScreenshotAsync(name);
        }

        // Stop 1: on my way, then collect with both labels typed and the weight
        var first = stops.Filter(new() { HasText = "10 Dongzhimen Street" });
        await first.GetByRole(AriaRole.Button, new() { Name = "On my way" }).ClickAsync();
        await Assertions.Expect(courier.GetByRole(AriaRole.Status)).ToContainTextAsync("on the way");
        await stops.Filter(new() { HasText = "10 Dongzhimen Street" }).GetByRole(AriaRole.Link, new() { Name = "At the door" }).ClickAsync();
        var canonical = references[0].Replace("-", "", StringComparison.Ordinal);
        await courier.GetByPlaceholder("Label of bag 1").FillAsync($"{canonical}-01");
        await courier.GetByPlaceholder("Label of bag 2").FillAsync($"{canonical}-02");
        await courier.GetByLabel("Total weight (kg)").FillAsync("6.5");
        await courier.GetByLabel("Photo (optional)").SetInputFilesAsync(new FilePayload { Name = "bags.png", MimeType = "image/png", Buffer = DemoData.TinyPng });
        await courier.GetByLabel("Yes, I am collecting it today").CheckAsync();
        await courier.ShouldPassAxeAsync();
        await courier.ScreenshotAsync("41-courier-at-the-door-phone");
        await courier.GetByRole(AriaRole.Button, new() { Name = "Bags collected" }).ClickAsync();
        await Assertions.Expect(courier.GetByRole(AriaRole.Status)).ToContainTextAsync("Pickup recorded.");
        await Assertions.Expect(stops.Filter(new() { HasText = "10 Dongzhimen Street" }).Locator(".status")).ToHaveTextAsync("Picked up");

        // Stop 2: nobody home
        var second = stops.Filter(new() { HasText = "11 Dongzhimen Street" });
        await second.GetByRole(AriaRole.Button, new() { Name = "On my way" }).ClickAsync();
        await stops.Filter(new() { HasText = "11 Dongzhimen Street" }).GetByRole(AriaRole.Link, new() { Name = "At the door" }).ClickAsync();
        await courier.Locator("summary", new() { HasText = "Could not collect?" }).ClickAsync();
        await courier.GetByLabel("Nobody home").CheckAsync();
        await courier.GetByRole(AriaRole.Button, new() { Name = "Report: not collected" }).ClickAsync();
        await Assertions.Expect(courier.GetByRole(AriaRole.Status)).ToContainTextAsync("The donor can book again.");
        await Assertions.Expect(stops.Filter(new() { HasText = "11 Dongzhimen Street" }).Locator(".status")).ToHaveTextAsync("Not collected");
        await courier.ScreenshotAsync("42-courier-day-done-phone");

        // The hub receives stop 1's bags
        var hub = await browser.NewPhonePageAsync();
        await hub.SignInAsDemoAsync(Roles.HubOperator);
        var card = hub.Locator("li.card").Filter(new() { HasText = references[0] });
        await Assertions.Expect(card).ToContainTextAsync("6.5 kg");
        await hub.ShouldPassAxeAsync();
        await hub.ScreenshotAsync("43-hub-handover-phone");
        await card.GetByRole(AriaRole.Button, new() { Name = "Receive" }).ClickAsync();
        await Assertions.Expect(hub.GetByRole(AriaRole.Status)).ToContainTextAsync($"{references[0]} received at the hub.");

        // The donor sees it all, and can book the failed one again
        var donor = await browser.NewPhonePageAsync();
        await donor.SignInAsDemoAsync(Roles.Consumer);
        await donor.GotoAsync($"/Pickups/Details/{references[0]}");
        await Assertions.Expect(donor.Locator(".status").First).ToHaveTextAsync("At the hub");
        // The tracker: booked, collected, at the hub done; sorting is next
        await Assertions.Expect(donor.Locator(".tracker .step-done")).ToHaveCountAsync(3);
        await Assertions.Expect(donor.Locator(".tracker [aria-current=step]")).ToContainTextAsync("Sorted");
        await Assertions.Expect(donor.GetByText("2 bags, 6.5 kg")).ToBeVisibleAsync();

        // The receipt: its two custody entries (door, hub) proven against a signed checkpoint
        await donor.GetByRole(AriaRole.Link, new() { Name = "Donation receipt" }).ClickAsync();
        await ReloadUntilAsync(donor, donor.Locator("[data-verified=true]"), 2);
        // The story first; the proofs folded into "Check it yourself", each field said in words
        await Assertions.Expect(donor.Locator("p.lead")).ToContainTextAsync("2 bags, 6.5 kg");
        await Assertions.Expect(donor.Locator(".ledger-entry").First).ToBeHiddenAsync();
        await donor.Locator("summary", new() { HasText = "Check it yourself" }).ClickAsync();
        await Assertions.Expect(donor.Locator(".ledger-entry h4")).ToContainTextAsync(["Collected at the door", "Received at the hub"]);
        await donor.Locator(".ledger-entry").First.Locator("summary").ClickAsync();
        await Assertions.Expect(donor.Locator(".ledger-entry").First).ToContainTextAsync("Weight at the door");
        await Assertions.Expect(donor.Locator(".ledger-entry").First).ToContainTextAsync("6.5 kg (6500 g)");
        await Assertions.Expect(donor.GetByRole(AriaRole.Img, new() { Name = "QR code linking to the ledger check of this receipt" })).ToBeVisibleAsync();
        await donor.ShouldPassAxeAsync();
        await donor.ShouldFitThePhoneWidthAsync();
        await donor.ScreenshotAsync("45-donor-receipt-phone");
        foreach (var (culture, laptop, name) in new[] { ("zh-CN", false, "45-donor-receipt-zh-phone"), ("en", true, "45-donor-receipt-laptop"), ("zh-CN", true, "45-donor-receipt-zh-laptop") })
        {
            var other = laptop ? await browser.NewLaptopPageAsync() : await browser.NewPhonePageAsync();
            await other.SignInAsDemoAsync(Roles.Consumer);
            await other.GotoAsync($"/Pickups/Receipt/{references[0]}?culture={culture}&ui-culture={culture}");
            await other.Locator("details.check-it > summary").ClickAsync();
            await Assertions.Expect(other.Locator(".ledger-entry h4")).ToHaveCountAsync(2);
            await other.ShouldPassAxeAsync();
            await other.ScreenshotAsync(name);
        }

        // Anyone holding the receipt code (the QR link) sees the same entries checked, without signing in
        var code = await donor.GetByTestId("receipt-code").TextContentAsync();
        var stranger = await browser.NewPhonePageAsync();
        await stranger.GotoAsync($"/Ledger/Receipt/{code}");
        await Assertions.Expect(stranger.GetByRole(AriaRole.Status)).ToHaveTextAsync("All 2 entries verified.");
        await stranger.ShouldPassAxeAsync();
        await stranger.ShouldFitThePhoneWidthAsync();
        await stranger.ScreenshotAsync("46-public-receipt-check-phone");
        await donor.GotoAsync($"/Pickups/Details/{references[1]}");
        await Assertions.Expect(donor.GetByText("The courier reported: Nobody home.")).ToBeVisibleAsync();
        await donor.ShouldPassAxeAsync();
        await donor.ScreenshotAsync("44-donor-not-collected-phone");
        await donor.GetByRole(AriaRole.Link, new() { Name = "Book again" }).ClickAsync();
        await Assertions.Expect(donor.GetByLabel("Street and number")).ToHaveValueAsync("11 Dongzhimen Street");
    }

    /// <summary>Ledger proofs follow the next signed checkpoint (a second or less): reload until they are there.</summary>
    [Fact]
    public async Task AtTheDoor_ARefusedFormComesBackWithItsErrorAndEverythingTyped()
    {
        var (references, day) = await DemoData.AssignedStopsForDemoCourierAsync(browser.App, 1, districtIndex: 1, daysAhead: 3);
        var canonical = references[0].Replace("-", "", StringComparison.Ordinal);
        var courier = await browser.NewPhonePageAsync();
        await courier.SignInAsDemoAsync(Roles.Courier);
        await courier.GotoAsync($"/Courier?day={day}");
        var stop = courier.Locator("ol.stops > li").Filter(new() { Has = courier.Locator($"form[action*='{references[0]}']") });
        await stop.GetByRole(AriaRole.Button, new() { Name = "On my way" }).ClickAsync();
        await Assertions.Expect(courier.GetByRole(AriaRole.Status)).ToContainTextAsync("on the way");
        await courier.GotoAsync($"/Courier/Stop/{references[0]}");

        // What the courier needs at the door: the window, the access notes and what to expect
        await Assertions.Expect(courier.Locator("dl.stop-facts")).ToContainTextAsync("Gate code 1234");
        await Assertions.Expect(courier.Locator("dl.stop-facts")).ToContainTextAsync("Clothing");
        await Assertions.Expect(courier.Locator("dl.stop-facts")).ToContainTextAsync("2 bags");
        await Assertions.Expect(courier.GetByRole(AriaRole.Note)).ToContainTextAsync("not today");

        // Another day than booked: asked to confirm, nothing typed is lost
        await courier.GetByPlaceholder("Label of bag 1").FillAsync("NOSUCHBAG-01");
        await courier.GetByPlaceholder("Label of bag 2").FillAsync($"{canonical}-02");
        await courier.GetByLabel("Total weight (kg)").FillAsync("7.2");
        await courier.GetByLabel("Note (needed when the bag count").FillAsync("Left by the gate");
        await courier.GetByRole(AriaRole.Button, new() { Name = "Bags collected" }).ClickAsync();
        await Assertions.Expect(courier.GetByRole(AriaRole.Alert)).ToContainTextAsync("tick the box");
        await Assertions.Expect(courier.GetByLabel("Total weight (kg)")).ToHaveValueAsync("7.2");
        await Assertions.Expect(courier.GetByPlaceholder("Label of bag 1")).ToHaveValueAsync("NOSUCHBAG-01");

        // A made-up label is named as such, as an error on this page, with the weight still there
        await courier.GetByLabel("Yes, I am collecting it today").CheckAsync();
        await courier.GetByRole(AriaRole.Button, new() { Name = "Bags collected" }).ClickAsync();
        await Assertions.Expect(courier.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is no label NOSUCHBAG-01");
        await Assertions.Expect(courier.GetByLabel("Total weight (kg)")).ToHaveValueAsync("7.2");
        await Assertions.Expect(courier.GetByLabel("Yes, I am collecting it today")).ToBeCheckedAsync();
        await Assertions.Expect(courier.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await courier.ShouldPassAxeAsync();
        await courier.ScreenshotAsync("45-courier-label-error-phone");

        // Not collected without a reason: an error beside that form, not a success banner elsewhere
        await courier.Locator("summary", new() { HasText = "Could not collect?" }).ClickAsync();
        await courier.GetByLabel("Note (needed for").FillAsync("Rang twice");
        await courier.GetByRole(AriaRole.Button, new() { Name = "Report: not collected" }).ClickAsync();
        await Assertions.Expect(courier.Locator("#fail-error")).ToContainTextAsync("Choose why the pickup could not be collected.");
        await Assertions.Expect(courier.GetByLabel("Note (needed for")).ToHaveValueAsync("Rang twice");
        await Assertions.Expect(courier.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await courier.ShouldPassAxeAsync();
    }

    internal static async Task ReloadUntilAsync(IPage page, ILocator locator, int count)
    {
        for (var attempt = 0; attempt < 50 && await locator.CountAsync() < count; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }
        await Assertions.Expect(locator).ToHaveCountAsync(count);
    }
}
