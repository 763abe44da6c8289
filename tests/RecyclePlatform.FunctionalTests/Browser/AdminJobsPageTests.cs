using Microsoft.Playwright;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>The administrator's view of the background jobs, on a phone, in both languages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminJobsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US", "Background jobs", "Succeeded", "Nodes")]
    [InlineData("zh-CN", "后台任务", "成功", "节点")]
    public async Task TheAdministrator_SeesEachJobsLastRun_AndTheNodes(string locale, string title, string succeeded, string nodes)
    {
        var page = await browser.NewPhonePageAsync(locale);
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_Email").FillAsync(DemoAccounts.EmailFor(Roles.Admin));
        await page.Locator("#Input_Password").FillAsync(DemoAccounts.DefaultPassword);
        await page.Locator("form button[type=submit]").Last.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Admin");

        // The sequencer runs from the start; its first round ends within its 20 s.
        var dispatchRow = page.GetByRole(AriaRole.Region, new() { Name = "dispatch-runs" });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await page.GotoAsync("/Admin/Jobs");
        }
        while (!(await dispatchRow.InnerTextAsync()).Contains(succeeded) && DateTime.UtcNow < deadline);
        await Assertions.Expect(dispatchRow).ToContainTextAsync(succeeded);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = nodes, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "ledger-sequencer" })).ToBeVisibleAsync();
        await page.ScreenshotAsync($"20-admin-jobs-{locale}-phone");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
    }
}
