using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>The public ledger pages as anyone sees them on a phone, in English and Chinese.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LedgerPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Anyone_BrowsesTheLedger_LooksUpAnEntry_AndReadsHowToVerify()
    {
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<LedgerOutbox>();
            var lot = Guid.CreateVersion7();
            outbox.Append(new SortedEntry(DateTimeOffset.UtcNow, Guid.CreateVersion7(), lot, Domain.Hubs.LotStream.Reuse, 42_500, [Domain.Pickups.ItemCategories.Clothing], []));
            outbox.Append(new AllocatedEntry(DateTimeOffset.UtcNow, lot, Guid.CreateVersion7(), Domain.Partners.PartnerKind.Charity, 42_500));
            await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
        }
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync("/Ledger");
        await CourierJourneyTests.ReloadUntilAsync(page, page.Locator(".ledger-list li"), 2);
        await Assertions.Expect(page.GetByText("Valid (Ed25519)")).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("60-ledger-phone");

        // A wrong look-up is explained next to the field; a number opens that entry with its proof checked
        await page.GetByLabel("Entry number or receipt code").FillAsync("hello");
        await page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await Assertions.Expect(page.Locator("#q-error")).ToContainTextAsync("Enter an entry number");
        await page.GetByLabel("Entry number or receipt code").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ledger entry 1", Exact = true })).ToBeVisibleAsync();
        await CourierJourneyTests.ReloadUntilAsync(page, page.Locator("[data-verified=true]"), 1);
        await Assertions.Expect(page.Locator(".ledger-entry")).ToContainTextAsync("Allocated to a partner");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("61-ledger-entry-phone");

        await page.GotoAsync("/Ledger/Verify");
        await Assertions.Expect(page.GetByTestId("verifier-key")).ToContainTextAsync("recycleplatform.local/ledger+");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
        await page.ScreenshotAsync("62-ledger-verify-phone");

        var chinese = await browser.NewPhonePageAsync("zh-CN");
        await chinese.GotoAsync("/Ledger");
        await Assertions.Expect(chinese.GetByRole(AriaRole.Heading, new() { Name = "公开捐赠账本" })).ToBeVisibleAsync();
        await chinese.ShouldPassAxeAsync();
        await chinese.ScreenshotAsync("63-ledger-zh-phone");
        (await page.GotoAsync("/Ledger/Entry/999999"))!.Status.ShouldBe(404);
    }
}
