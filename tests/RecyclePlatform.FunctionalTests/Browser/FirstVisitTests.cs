using Microsoft.Playwright;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>A newcomer's first minutes, at phone size, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstVisitTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Newcomer_RegistersOnAPhone_AndSeesTheDonorNavigation()
    {
        var page = await browser.NewPhonePageAsync();

        await page.GotoAsync("/");
        await page.ScreenshotAsync("01-home-phone");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Create account" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Email-error")).ToHaveTextAsync("Enter your e-mail address.");
        await page.ScreenshotAsync("02-register-errors-phone");
        await page.ShouldPassAxeAsync();

        var email = $"newcomer.{Guid.NewGuid():N}@example.org";
        await page.GetByLabel("Your name").FillAsync("Lin Xiaoyu");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync("spring cleaning 2026");
        await page.Locator("#Input_ConfirmPassword").FillAsync("spring cleaning 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync(); // a long address wraps
        await page.ScreenshotAsync("03a-check-inbox-phone");

        // The link in the e-mail, one click to confirm, then sign in.
        await page.GotoAsync(Mailbox.LinkTo(await Mailbox.WaitForAsync(browser.App, email, "Confirm"), "/Account/ConfirmEmail"));
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("03b-confirm-email-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your e-mail address is confirmed.")).ToBeVisibleAsync();
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("spring cleaning 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "My account" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Dispatch" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync("03-registered-home-phone");

        await nav.GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();
        await Assertions.Expect(page.GetByText(email)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Donor")).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("04-my-account-phone");
    }

    [Theory]
    [InlineData(Roles.Consumer, "My account", "/")]
    [InlineData(Roles.Courier, "My day", "/Courier")]
    [InlineData(Roles.Dispatcher, "Dispatch", "/Dispatch")]
    [InlineData(Roles.HubOperator, "Hub", "/Hub")]
    [InlineData(Roles.CharityStaff, "Charity", "/Charity")]
    [InlineData(Roles.Admin, "Admin", "/Admin")]
    public async Task EachDemoAccount_SignsIn_AndSeesItsRolesNavigation(string role, string navLink, string landing)
    {
        var page = await browser.NewPhonePageAsync();

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail address").FillAsync(DemoAccounts.EmailFor(role));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoAccounts.DefaultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landing);
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync($"10-signed-in-{role.ToLowerInvariant()}-FAILED");
            throw new TimeoutException($"Signed in as {role} but stayed at {page.Url}: {await page.Locator("main").InnerTextAsync()}");
        }
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var link = nav.GetByRole(AriaRole.Link, new() { Name = navLink, Exact = true });
        await Assertions.Expect(link).ToBeVisibleAsync();
        if (landing != "/")
        {
            await Assertions.Expect(link).ToHaveAttributeAsync("aria-current", "page");
        }
        await page.ScreenshotAsync($"10-signed-in-{role.ToLowerInvariant()}-phone");
        await page.ShouldPassAxeAsync();
        await page.ShouldFitThePhoneWidthAsync();
    }

    [Fact]
    public async Task DemoDispatcher_SeesOnlyTheirCities()
    {
        var page = await browser.NewPhonePageAsync();

        await page.GotoAsync("/Account/Login");
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("05-login-phone");
        await page.GetByLabel("E-mail address").FillAsync(DemoAccounts.EmailFor(Roles.Dispatcher));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoAccounts.DefaultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Rowheader);
        await Assertions.Expect(rows).ToHaveTextAsync(["Beijing", "Shanghai"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task LanguageSwitch_TurnsThePageIntoChinese_AndBack()
    {
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync("/Account/Login");

        await page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("登录");
        await Assertions.Expect(page.GetByLabel("电子邮箱")).ToBeVisibleAsync();
        await page.ShouldPassAxeAsync();
        await page.ScreenshotAsync("06-login-chinese-phone");

        await page.GotoAsync("/");
        await page.ScreenshotAsync("07-home-chinese-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public async Task Stylesheet_IsApplied()
    {
        var page = await browser.NewPhonePageAsync();
        var failures = new List<string>();
        page.RequestFailed += (_, request) => failures.Add($"{request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failures.Add($"{response.Url}: {response.Status}");
            }
        };

        page.Console += (_, message) => failures.Add("console: " + message.Text);

        await page.GotoAsync("/");
        var rules = await page.EvaluateAsync<int>("() => document.styleSheets[0].cssRules.length");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

        failures.ShouldBeEmpty();
        rules.ShouldBeGreaterThan(50);
        background.ShouldBe("rgb(243, 249, 245)");
    }

    [Fact]
    public async Task Keyboard_ReachesTheSkipLinkFirst_AndItJumpsToTheContent()
    {
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
        await page.Keyboard.PressAsync("Enter");

        focused.ShouldBe("Skip to content");
        (await page.EvaluateAsync<string>("() => location.hash")).ShouldBe("#main");
    }
}
