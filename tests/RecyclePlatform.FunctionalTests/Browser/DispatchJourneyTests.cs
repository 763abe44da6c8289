using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>A dispatcher plans tomorrow in Shanghai on a phone: a refused shift, the optimisation with live progress, a stop moved by hand, an import refused row by row.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DispatchJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string Tomorrow => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime)
        .AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ADispatcherOptimisesTheDay_AndMovesOneStopByHand()
    {
        var page = await browser.NewPhonePageAsync();
        await page.SignInAsDemoAsync(Roles.Dispatcher);
        await page.GotoAsync("/Dispatch/Board");
        await page.GetByLabel("City").SelectOptionAsync(new SelectOptionValue { Label = "Shanghai" });
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync(Tomorrow);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not on a route (12)" })).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("80-dispatch-board-before-phone");

        // Optimise: the run's progress shows, and the page shows the plan when it is done (board.js).
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign and optimise routes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Optimisation started");
        await Assertions.Expect(page.Locator("#run-status")).ToContainTextAsync("Done", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#run-status")).ToContainTextAsync("on routes");
        var routed = await page.Locator("ol.route-stops > li").CountAsync();
        Assert.True(routed >= 10, $"only {routed} stops on routes");
        // The map draws every stop and each route's line although no tile can load here (no network):
        // a numbered pin per routed stop, a grey one per stop on no route.
        var unrouted = await page.Locator("li.unassigned").CountAsync();
        await Assertions.Expect(page.Locator("#board-map .map-pin")).ToHaveCountAsync(routed + unrouted);
        await Assertions.Expect(page.Locator("#board-map .map-pin-grey")).ToHaveCountAsync(unrouted);
        var lines = await page.Locator("#board-map path.leaflet-interactive").CountAsync();
        Assert.True(lines >= 2, $"only {lines} route lines drawn");
        await Assertions.Expect(page.Locator("svg.route-timeline").First).ToBeVisibleAsync();
        // Routes are collapsed: their stops open on demand.
        await Assertions.Expect(page.Locator("ol.route-stops").First).ToBeHiddenAsync();
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("81-dispatch-board-planned-phone");

        // "Courier dropped out" asks first; going back leaves the route as it was.
        var anyRoute = page.Locator("article.route").First;
        await anyRoute.Locator("summary", new() { HasText = "Courier dropped out" }).ClickAsync();
        var dropOut = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dropOut).ToContainTextAsync("Their stops go back to the board");
        await dropOut.GetByRole(AriaRole.Button, new() { Name = "Go back" }).ClickAsync();
        await Assertions.Expect(dropOut).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".badge", new() { HasText = "dropped out" })).ToHaveCountAsync(0);

        // Move the first stop of the first route to the top of another courier's route.
        var firstRoute = page.Locator("article.route").Filter(new() { Has = page.Locator("ol.route-stops > li") }).First;
        var stop = firstRoute.Locator("ol.route-stops > li").First;
        var reference = (await stop.GetAttributeAsync("data-stop"))!;
        var courier = (await firstRoute.Locator("h3").TextContentAsync())!.Trim();
        // Clicking the stop's pin offers to move it: the link opens its route and its move form.
        // (Stops of one district share its centre and overlap: the click goes to this pin itself.)
        await page.Locator($"#board-map .map-pin[title^='Stop {reference},']").DispatchEventAsync("click");
        await page.Locator(".leaflet-popup").GetByRole(AriaRole.Link, new() { Name = "Move this stop" }).ClickAsync();
        await Assertions.Expect(stop.Locator("form.move-form")).ToBeVisibleAsync();
        var form = stop.Locator("form.move-form");
        var options = await form.GetByLabel("Courier").Locator("option").AllTextContentsAsync();
        var other = options.First(o => !o.StartsWith(courier, StringComparison.Ordinal));
        await form.GetByLabel("Courier").SelectOptionAsync(new SelectOptionValue { Label = other });
        await form.GetByLabel("Position on the route").FillAsync("1");
        await form.GetByRole(AriaRole.Button, new() { Name = "Move stop" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"{reference} is now stop 1 of {other.Split(" (")[0]}'s route.");
        var target = page.Locator("article.route").Filter(new() { Has = page.Locator("h3", new() { HasText = other.Split(" (")[0] }) });
        await Assertions.Expect(target.Locator("ol.route-stops > li").First).ToHaveAttributeAsync("data-stop", reference);
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("82-dispatch-stop-moved-phone");

        // The board's JSON, as board.js polls it, has the stop on that route.
        var json = await page.EvaluateAsync<JsonElement>("url => fetch(url).then(r => r.json())", await page.Locator("#board").GetAttributeAsync("data-board-url"));
        Assert.Contains(json.GetProperty("routes").EnumerateArray(), r => r.GetProperty("stops").GetArrayLength() > 0
            && r.GetProperty("stops")[0].GetProperty("reference").GetString() == reference);

        // Another dispatcher moves a stop meanwhile: this page's totals are stale, and it says so.
        await Assertions.Expect(page.Locator("#board-changed")).ToBeHiddenAsync();
        var routes = json.GetProperty("routes").EnumerateArray().Where(r => !r.GetProperty("droppedOut").GetBoolean()).ToList();
        var from = routes.First(r => r.GetProperty("stops").EnumerateArray().Any(s => s.GetProperty("status").GetString() == "Assigned"));
        var moved = from.GetProperty("stops").EnumerateArray().Last(s => s.GetProperty("status").GetString() == "Assigned").GetProperty("reference").GetString();
        var to = routes.First(r => r.GetProperty("shiftId").GetGuid() != from.GetProperty("shiftId").GetGuid()).GetProperty("shiftId").GetGuid();
        var colleague = await DemoData.ApiClientAsync(browser.App, Roles.Dispatcher);
        (await colleague.PostAsJsonAsync($"/api/v1/dispatch/pickups/{moved}/move", new { shiftId = to, position = 1 })).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#board-changed")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#board-changed")).ToContainTextAsync("The routes have changed");
    }

    [Fact]
    public async Task WithoutShifts_TheOptimiseButtonIsDisabled_AndLooksIt()
    {
        var page = await browser.NewLaptopPageAsync();
        await page.SignInAsDemoAsync(Roles.Dispatcher);
        var empty = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(12).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GotoAsync($"/Dispatch/Board?day={empty}");
        var optimise = page.GetByRole(AriaRole.Button, new() { Name = "Assign and optimise routes" });
        await Assertions.Expect(optimise).ToBeDisabledAsync();
        var show = page.GetByRole(AriaRole.Button, new() { Name = "Show" });
        // Not the green of an enabled main button: the grey of the line colour, and a not-allowed cursor.
        (await optimise.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor")).ShouldBe("rgb(207, 220, 212)");
        (await optimise.EvaluateAsync<string>("b => getComputedStyle(b).cursor")).ShouldBe("not-allowed");
        (await show.EvaluateAsync<string>("b => getComputedStyle(b).cursor")).ShouldNotBe("not-allowed");
    }

    [Fact]
    public async Task AShiftWithoutCapacity_AndABadImport_AreExplainedNextToTheirFields()
    {
        var page = await browser.NewPhonePageAsync();
        await page.SignInAsDemoAsync(Roles.Dispatcher);
        await page.GotoAsync("/Dispatch/Shifts");
        await page.GetByLabel("Vehicle capacity (bags)").FillAsync("0");
        await page.GetByLabel("Starts", new() { Exact = true }).FillAsync("21:00");
        await page.GetByLabel("Ends", new() { Exact = true }).FillAsync("22:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add shift" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("Give a capacity between 1 and 200 bags.");
        await Assertions.Expect(page.GetByLabel("Vehicle capacity (bags)")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("83-dispatch-shift-error-phone");
        // Corrected, it is added; entered by mistake, it is removed again.
        await page.GetByLabel("Vehicle capacity (bags)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add shift" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Shift added for");
        var late = page.Locator("li.card").Filter(new() { HasText = "21:00–22:00" });
        await Assertions.Expect(late).ToHaveCountAsync(1);
        await late.Locator("summary").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Yes, remove the shift" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Shift removed.");
        await Assertions.Expect(page.Locator("li.card").Filter(new() { HasText = "21:00–22:00" })).ToHaveCountAsync(0);

        await page.GotoAsync("/Dispatch/Import");
        await page.GetByLabel("CSV file (UTF-8, at most 2 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = "drive.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"date,window_start,district,street,contact_name,phone,bags,weight_band\n{Tomorrow},09:00,nowhere,1 Road,V,138 0013 8000,2,5-10\n{Tomorrow},09:00,dongcheng,2 Road,V,138 0013 8000,99,5-10\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and import" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was imported: 2 problem(s) to fix.");
        await Assertions.Expect(page.Locator("ul.import-errors li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("ul.import-errors li").First).ToContainTextAsync("Line 2, district:");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("84-dispatch-import-errors-phone");

        // Adding a courier: a bad address is explained by the field; a good one is invited by e-mail.
        await page.GotoAsync("/Dispatch/Couriers");
        await page.GetByLabel("E-mail").FillAsync("not an address");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Gao Yan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add and invite" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("Give a valid e-mail address.");
        await page.GetByLabel("E-mail").FillAsync("gao.yan@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add and invite" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Gao Yan was added and invited at gao.yan@example.org.");
        await Assertions.Expect(page.Locator("li.card").Filter(new() { HasText = "gao.yan@example.org" })).ToBeVisibleAsync();
        // The invitation goes through the notification outbox: the worker e-mails it within a few seconds.
        (await Mailbox.WaitForAsync(browser.App, "gao.yan@example.org", "You are a RecyclePlatform courier")).ShouldContain("/Account/SetPassword?");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("85-dispatch-couriers-phone");

        // A new district: a bad short name is explained by its field, a good one is listed.
        await page.GotoAsync("/Dispatch/Places");
        await page.GetByText("Add a district").ClickAsync();
        var districtForm = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add district" }) });
        await districtForm.GetByLabel("Short name").FillAsync("Riverside Park");
        await districtForm.GetByLabel("Name in English").FillAsync("Riverside");
        await districtForm.GetByLabel("Name in Chinese").FillAsync("河畔");
        await districtForm.GetByLabel("Latitude").FillAsync("39.95");
        await districtForm.GetByLabel("Longitude").FillAsync("116.45");
        await districtForm.GetByRole(AriaRole.Button, new() { Name = "Add district" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("lower-case letters, digits and hyphens");
        districtForm = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add district" }) });
        await Assertions.Expect(districtForm.GetByLabel("Name in English")).ToHaveValueAsync("Riverside");
        await districtForm.GetByLabel("Short name").FillAsync("riverside");
        await districtForm.GetByRole(AriaRole.Button, new() { Name = "Add district" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Riverside added.");
        await Assertions.Expect(page.Locator("li.card").Filter(new() { HasText = "riverside" })).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("87-dispatch-places-phone");

        // The board speaks Chinese too.
        var chinese = await browser.NewPhonePageAsync();
        await chinese.SignInAsDemoAsync(Roles.Dispatcher);
        await chinese.GotoAsync($"/Dispatch/Board?day={Tomorrow}&culture=zh-CN&ui-culture=zh-CN");
        await Assertions.Expect(chinese.GetByRole(AriaRole.Heading, new() { Name = "调度看板" })).ToBeVisibleAsync();
        await Assertions.Expect(chinese.GetByRole(AriaRole.Button, new() { Name = "自动派单并优化路线" })).ToBeVisibleAsync();
        await chinese.ShouldPassAxeAsync();
        await chinese.ShouldFitThePhoneWidthAsync();
        await chinese.ScreenshotAsync("86-dispatch-board-zh-phone");

        // On a laptop the board with its map, in both languages.
        foreach (var (culture, name) in new[] { ("en", "88-dispatch-board-map-laptop"), ("zh-CN", "89-dispatch-board-map-zh-laptop") })
        {
            var laptop = await browser.NewLaptopPageAsync();
            await laptop.SignInAsDemoAsync(Roles.Dispatcher);
            await laptop.GotoAsync($"/Dispatch/Board?day={Tomorrow}&culture={culture}&ui-culture={culture}");
            await Assertions.Expect(laptop.Locator("#board-map .map-pin").First).ToBeVisibleAsync();
            await laptop.ShouldPassAxeAsync();
            await laptop.ScreenshotAsync(name);
        }
    }
}
