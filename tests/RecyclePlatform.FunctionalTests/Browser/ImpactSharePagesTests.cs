using System.Net.Http.Json;
using Microsoft.Playwright;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>
/// A donor shares their impact from a pickup's page on a phone, opens the link as anyone would and sees the card
/// the link previews show; then stops sharing, and the link finds nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImpactSharePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ADonor_SharesFromThePickupPage_OpensTheLink_SeesTheCard_AndStopsSharing()
    {
        var app = browser.App;
        var consumer = await DemoData.ApiClientAsync(app, Roles.Consumer);
        await consumer.DeleteAsync("/api/v1/impact/share");
        var references = await DemoData.ReceivedAtDemoHubAsync(app, 1, districtIndex: 4);
        var hub = await DemoData.ApiClientAsync(app, Roles.HubOperator);
        (await hub.PostAsJsonAsync("/api/v1/hub/lots", new
        {
            pickups = references,
            lots = new[] { new { stream = "Reuse", kg = 5m, categories = new[] { "Clothing" } }, new { stream = "Recycle", kg = 1.5m, categories = new[] { "Clothing" } } },
        })).EnsureSuccessStatusCode();
        await DemoData.LedgerSettledAsync(app);

        var page = await browser.NewPhonePageAsync();
        await page.SignInAsDemoAsync(Roles.Consumer);
        await page.GotoAsync($"/Pickups/Details/{references[0]}");
        var share = page.GetByTestId("share-impact");
        for (var attempt = 0; attempt < 50 && await page.GetByTestId("impact-story").Filter(new() { HasText = "sorted at the hub" }).CountAsync() == 0; attempt++)
        {
            await Task.Delay(200); // the story follows the signed checkpoint a moment after the ledger settles
            await page.ReloadAsync();
        }
        await Assertions.Expect(share).ToHaveTextAsync("Share my impact");
        await share.ClickAsync();

        // The donor's share page: what is shared and what never is, the link, and the card
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Share my impact", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your impact is shared");
        await Assertions.Expect(page.GetByText("It never shows your e-mail, phone, address")).ToBeVisibleAsync();
        var link = await page.GetByTestId("share-link").InputValueAsync();
        link.ShouldStartWith($"{browser.BaseUrl}/Share/");
        await CardShouldHaveLoadedAsync(page);
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("98-share-mine-phone");

        // Anyone with the link: the totals and the card, under a neutral name, nothing personal
        var visitor = await browser.NewPhonePageAsync();
        await visitor.GotoAsync(link);
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("A RecyclePlatform donor");
        await Assertions.Expect(visitor.GetByTestId("shared-counts")).ToContainTextAsync("kg");
        await CardShouldHaveLoadedAsync(visitor);
        var html = await visitor.ContentAsync();
        foreach (var personal in new[] { DemoAccounts.EmailFor(Roles.Consumer), "Demo Donor", "138 0013 8000", "Dongzhimen", references[0] })
        {
            html.ShouldNotContain(personal, Case.Insensitive);
        }
        await visitor.ShouldPassAxeAsync();
        await visitor.ShouldFitThePhoneWidthAsync();
        await visitor.ScreenshotAsync("98-share-public-phone");
        var chinese = await browser.NewPhonePageAsync("zh-CN");
        await chinese.GotoAsync(link);
        await Assertions.Expect(chinese.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("一位衣物回收平台捐赠者");
        await CardShouldHaveLoadedAsync(chinese);
        await chinese.ShouldPassAxeAsync();
        await chinese.ShouldFitThePhoneWidthAsync();
        await chinese.ScreenshotAsync("98-share-public-zh-phone");

        // Stopping asks first; then the link finds nothing
        await page.Locator("summary", new() { HasText = "Stop sharing" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Stop sharing" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, stop sharing" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You no longer share your impact");
        await Assertions.Expect(page.GetByTestId("share-create")).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        var gone = await visitor.GotoAsync(link);
        gone!.Status.ShouldBe(404);
    }

    private static async Task CardShouldHaveLoadedAsync(IPage page)
    {
        var card = page.GetByTestId("impact-card");
        await card.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(card).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=impact-card]'); return i && i.complete && i.naturalWidth > 0; }");
        (await card.EvaluateAsync<int>("i => i.naturalWidth")).ShouldBe(1200);
        (await card.EvaluateAsync<int>("i => i.naturalHeight")).ShouldBe(630);
    }
}
