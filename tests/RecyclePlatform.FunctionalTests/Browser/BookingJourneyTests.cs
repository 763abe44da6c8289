using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>A new donor books, follows, reschedules and cancels a pickup on a phone, as a person would.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BookingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task NewDonor_BooksReschedulesAndCancels_OnAPhone()
    {
        var page = await browser.NewPhonePageAsync();

        // Register
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("Your name").FillAsync("Lin Xiaoyu");
        var email = $"lin.{Guid.NewGuid():N}@example.org";
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync("spring cleaning 2026");
        await page.Locator("#Input_ConfirmPassword").FillAsync("spring cleaning 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();

        // Confirm the address from the e-mail, then sign in
        await page.GotoAsync(Mailbox.LinkTo(await Mailbox.WaitForAsync(browser.App, email, "Confirm"), "/Account/ConfirmEmail"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your e-mail address is confirmed.")).ToBeVisibleAsync();
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("spring cleaning 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Book a pickup" }).First.ClickAsync();

        // Step 1: where. First an empty submit shows the errors next to the fields.
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: choose a time" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Address_Street-error")).ToHaveTextAsync("Enter the street and number.");
        await page.ScreenshotAsync("20-book-where-errors-phone");
        await page.GetByLabel("District").SelectOptionAsync(new SelectOptionValue { Label = "Beijing · Chaoyang" });
        await page.GetByLabel("Street and number").FillAsync("88 Jianguo Road");
        await page.GetByLabel("Building, unit, floor").FillAsync("Tower B, 12th floor, 1201");
        await page.GetByLabel("Contact name").FillAsync("Lin Xiaoyu");
        await page.GetByLabel("Phone").FillAsync("138 0013 8000");
        await page.GetByLabel("Access notes").FillAsync("Ring twice at the east gate");
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("21-book-where-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: choose a time" }).ClickAsync();

        // Step 2: when
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a time window" })).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("22-book-when-phone");
        var windows = page.Locator("input[name='Input.SlotId']:not([disabled])");
        await windows.Nth(4).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: what you are giving" }).ClickAsync();

        // Step 3: what
        await page.GetByRole(AriaRole.Button, new() { Name = "Book pickup" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Categories-error")).ToHaveTextAsync("Choose at least one kind of item.");
        await page.GetByLabel("Clothing").CheckAsync();
        await page.GetByLabel("Shoes").CheckAsync();
        await page.GetByLabel("Number of bags").FillAsync("3");
        await page.GetByLabel("5–10 kg").CheckAsync();
        await page.GetByLabel("Yes, wearable").CheckAsync();
        await page.GetByLabel("Where should wearable items go?").SelectOptionAsync(new SelectOptionValue { Label = "Beijing Warm Clothes Foundation" });
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("23-book-what-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book pickup" }).ClickAsync();

        // Confirmation: reference, details and labels
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your pickup is booked.");
        var reference = await page.Locator("h1 .reference").InnerTextAsync();
        reference.ShouldMatch("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$");
        await Assertions.Expect(page.GetByText("Beijing Warm Clothes Foundation")).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("24-booked-details-phone");
        // The tracker: booked, the courier's visit next; the window can go in the phone's calendar
        await Assertions.Expect(page.Locator(".tracker .step-done")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".tracker [aria-current=step]")).ToContainTextAsync("Collected at your door");
        var calendar = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Add to my calendar" }).ClickAsync());
        var ics = await File.ReadAllTextAsync((await calendar.PathAsync())!);
        ics.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        ics.ShouldContain($"SUMMARY:Clothes pickup {reference}\r\n");
        ics.ShouldContain("DTSTART:");
        calendar.SuggestedFilename.ShouldBe($"pickup-{reference}.ics");

        await page.GetByRole(AriaRole.Link, new() { Name = "Print 3 bag labels" }).ClickAsync();
        await Assertions.Expect(page.Locator(".label svg")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".label").GetByText(reference.Replace("-", "", StringComparison.Ordinal) + "-02")).ToBeVisibleAsync();
        // A Print button, and for no printer the codes to write on the bags
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print the labels" })).ToBeVisibleAsync();
        await page.Locator("summary", new() { HasText = "No printer?" }).ClickAsync();
        await Assertions.Expect(page.Locator(".label-fallback li")).ToHaveCountAsync(3);
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("25-labels-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the pickup" }).ClickAsync();

        // Reschedule
        var before = await page.Locator("dl.facts dd").First.InnerTextAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose another time" }).ClickAsync();
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("26-reschedule-phone");
        // Later days fold away, as on the booking page
        Assert.True(await page.Locator("details.day:not([open])").CountAsync() > 0, "every day of the reschedule page is open");
        await page.Locator("details.day[open] input[name='SlotId']:not([disabled])").Nth(2).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move my pickup" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your pickup has moved to the new time.");
        (await page.Locator("dl.facts dd").First.InnerTextAsync()).ShouldNotBe(before);
        await Assertions.Expect(page.GetByText("Moved to a new time")).ToBeVisibleAsync();

        // Cancel
        // Cancelling asks first, in a dialog; "Go back" leaves the pickup as it was.
        await page.Locator("summary", new() { HasText = "Cancel this pickup" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Cancel this pickup" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Go back" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await page.Locator("summary", new() { HasText = "Cancel this pickup" }).ClickAsync();
        await dialog.GetByLabel("Reason for cancelling").FillAsync("Gave them to a neighbour");
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("27-cancel-asks-first-phone");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the pickup" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your pickup is cancelled.");
        await Assertions.Expect(page.Locator(".status").First).ToHaveTextAsync("Cancelled");
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("27-cancelled-phone");

        // My pickups lists it
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "My pickups" }).ClickAsync();
        await Assertions.Expect(page.GetByText(reference)).ToBeVisibleAsync();
        await page.ScreenshotAsync("28-my-pickups-phone");
    }

    [Fact]
    public async Task BookingFlow_SpeaksChinese()
    {
        var page = await browser.NewPhonePageAsync("zh-CN");
        await page.GotoAsync("/Account/Login?culture=zh-CN&ui-culture=zh-CN");
        await page.GetByLabel("电子邮箱").FillAsync("consumer@demo.test");
        await page.Locator("#Input_Password").FillAsync("Recycle-Demo-2026");
        await page.Locator("form.form button[type=submit]").ClickAsync();

        await page.GotoAsync("/Pickups/Book");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("预约上门回收");
        await Assertions.Expect(page.GetByLabel("所在区")).ToBeVisibleAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("zh-CN");
        ChineseOption().IsMatch(await page.Locator("select").InnerTextAsync()).ShouldBeTrue();
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("29-book-chinese-phone");
    }

    [GeneratedRegex("北京 · 朝阳区")]
    private static partial Regex ChineseOption();
}
