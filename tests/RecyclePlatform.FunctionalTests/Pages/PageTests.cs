using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Pages;

public sealed partial class PageTests(RecycleWebFactory factory) : IClassFixture<RecycleWebFactory>
{
    private static string Location(HttpResponseMessage response) => response.Headers.Location?.OriginalString ?? "";

    [Fact]
    public async Task Home_IsServedWithSecurityHeaders_AndNoInlineScript()
    {
        var response = await factory.CreateClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        response.Headers.Contains("X-Request-Id").ShouldBeTrue();
        InlineScript().IsMatch(html).ShouldBeFalse();
        InlineStyleOrHandler().IsMatch(html).ShouldBeFalse();
        html.ShouldContain("Give your clothes a second life");
        html.ShouldContain("Beijing");
    }

    [Fact]
    public async Task Stylesheet_IsServed_UnderAFingerprintedName()
    {
        var client = factory.CreateClient();
        var html = await client.GetStringAsync("/");
        var stylesheet = Stylesheet().Match(html).Groups[1].Value;

        var css = await client.GetAsync(stylesheet);

        stylesheet.ShouldStartWith("/css/site.");
        css.StatusCode.ShouldBe(HttpStatusCode.OK);
        css.Content.Headers.ContentType?.MediaType.ShouldBe("text/css");
        css.Headers.ETag.ShouldNotBeNull();
        (await css.Content.ReadAsStringAsync()).ShouldContain("--green-700");
    }

    [Fact]
    public async Task Home_IsCompressed_WhenTheBrowserAsks()
    {
        var client = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.ParseAdd("br");

        var response = await client.SendAsync(request);

        response.Content.Headers.ContentEncoding.ShouldContain("br");
    }

    [Fact]
    public async Task Home_SpeaksChinese_WhenAsked()
    {
        var html = await factory.CreateClient().GetStringAsync("/?culture=zh-CN&ui-culture=zh-CN");

        html.ShouldContain("<html lang=\"zh-CN\">");
        html.ShouldContain("让闲置衣物从家门口开始第二次生命");
        html.ShouldContain("北京");
    }

    [Fact]
    public async Task LanguageSwitch_RemembersTheChoice_AndReturnsToThePage()
    {
        var client = factory.CreateBrowserLikeClient();

        var switched = await Forms.PostAsync(client, "/Language?returnUrl=%2FAccount%2FLogin",
            new Dictionary<string, string> { ["culture"] = "zh-CN" }, tokenFrom: "/");
        var page = await client.GetStringAsync(Location(switched));

        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Location(switched).ShouldBe("/Account/Login");
        page.ShouldContain("电子邮箱");
    }

    [Fact]
    public async Task LanguageSwitch_RefusesToRedirectElsewhere()
    {
        var client = factory.CreateBrowserLikeClient();

        var switched = await Forms.PostAsync(client, "/Language?returnUrl=https%3A%2F%2Fevil.example",
            new Dictionary<string, string> { ["culture"] = "en" }, tokenFrom: "/");

        Location(switched).ShouldBe("/");
    }

    [Fact]
    public async Task SignIn_AsTheDemoDispatcher_LandsOnTheirCities()
    {
        var client = factory.CreateBrowserLikeClient();

        var signedIn = await Forms.SignInAsync(client, DemoAccounts.EmailFor(Roles.Dispatcher), DemoAccounts.DefaultPassword);
        var board = await client.GetStringAsync(Location(signedIn));

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Location(signedIn).ShouldBe("/Dispatch");
        board.ShouldContain("Beijing");
        board.ShouldContain("Shanghai");
        board.ShouldNotContain("Chengdu");
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoOnThePage()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await Forms.SignInAsync(client, DemoAccounts.EmailFor(Roles.Consumer), "not the password");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("The e-mail address or password is not correct.");
    }

    [Fact]
    public async Task FormPost_WithoutTheAntiforgeryToken_IsRefused()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoAccounts.EmailFor(Roles.Admin),
            ["Input.Password"] = DemoAccounts.DefaultPassword,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith("rp.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_WithBadInput_PutsEachErrorNextToItsField()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await Forms.PostAsync(client, "/Account/Register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "",
            ["Input.Email"] = "not-an-email",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "different",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Enter your name.");
        html.ShouldContain("Enter an e-mail address like name@example.com.");
        html.ShouldContain("The two passwords do not match.");
        html.ShouldContain("id=\"Input_Email-error\"");
    }

    [Fact]
    public async Task Register_WithATakenEmail_AnswersLikeANewOne_AndOnlyTheOwnersInboxLearnsWhich()
    {
        var taken = DemoAccounts.EmailFor(Roles.Consumer);
        var fresh = $"fresh.{Guid.NewGuid():N}@example.org";

        async Task<string> RegisterAsync(string email)
        {
            var response = await Forms.PostAsync(factory.CreateBrowserLikeClient(), "/Account/Register", new Dictionary<string, string>
            {
                ["Input.DisplayName"] = "Someone",
                ["Input.Email"] = email,
                ["Input.Password"] = "a long enough secret",
                ["Input.ConfirmPassword"] = "a long enough secret",
            });
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Replace(email, "ADDRESS", StringComparison.Ordinal);
        }

        var takenPage = await RegisterAsync(taken);
        var freshPage = await RegisterAsync(fresh);

        MainOf(takenPage).ShouldBe(MainOf(freshPage));
        takenPage.ShouldContain("Check your inbox");
        (await Mailbox.WaitForAsync(factory, taken, "You already have")).ShouldContain("/Account/ForgotPassword");
        (await Mailbox.WaitForAsync(factory, fresh, "Confirm")).ShouldContain("/Account/ConfirmEmail?userId=");
    }

    private static string MainOf(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];

    [Fact]
    public async Task StaffArea_Anonymous_AsksToSignIn()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/Admin");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Location(response).ShouldStartWith("http://localhost/Account/Login?ReturnUrl=%2FAdmin");
    }

    [Theory]
    [InlineData(Roles.Consumer, "/Admin")]
    [InlineData(Roles.Courier, "/Dispatch")]
    [InlineData(Roles.Dispatcher, "/Courier")]
    [InlineData(Roles.CharityStaff, "/Hub")]
    [InlineData(Roles.HubOperator, "/Charity")]
    public async Task StaffArea_OfAnotherRole_IsDenied(string role, string area)
    {
        var client = factory.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, DemoAccounts.EmailFor(role), DemoAccounts.DefaultPassword);

        var response = await client.GetAsync(area);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Location(response).ShouldContain("/Account/AccessDenied");
    }

    [Theory]
    [InlineData(Roles.Courier, "/Courier", "Beijing Sorting Hub")]
    [InlineData(Roles.HubOperator, "/Hub", "Beijing Sorting Hub")]
    [InlineData(Roles.CharityStaff, "/Charity", "Beijing")]
    [InlineData(Roles.Admin, "/Admin", "Xi&#x27;an")]
    [InlineData(Roles.Admin, "/Dispatch", "Chengdu")]
    public async Task StaffArea_OfTheirRole_ShowsTheirWorkspace(string role, string area, string expected)
    {
        var client = factory.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, DemoAccounts.EmailFor(role), DemoAccounts.DefaultPassword);

        var response = await client.GetAsync(area);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(expected);
    }

    [Fact]
    public async Task SignOut_IsAPost_AndEndsTheSession()
    {
        var client = factory.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, DemoAccounts.EmailFor(Roles.Consumer), DemoAccounts.DefaultPassword);
        (await client.GetAsync("/Account/Manage")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Forms.PostAsync(client, "/Account/Logout", new Dictionary<string, string>());

        (await client.GetAsync("/Account/Manage")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ChangePassword_WithTheWrongCurrentPassword_SaysSo()
    {
        var client = factory.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, DemoAccounts.EmailFor(Roles.Consumer), DemoAccounts.DefaultPassword);

        var response = await Forms.PostAsync(client, "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not my password",
            ["Input.NewPassword"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });

        (await response.Content.ReadAsStringAsync()).ShouldContain("The current password is not correct.");
    }

    [Fact]
    public async Task Booking_InAFullDistrict_OffersTheNearestDistrictsWithSpace()
    {
        Guid district;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RecyclePlatform.Application.Common.IAppDbContext>();
            var xian = await db.Cities.SingleAsync(c => c.Slug == "xian");
            district = (await db.Districts.SingleAsync(d => d.CityId == xian.Id && d.Slug == "beilin")).Id;
            await scope.ServiceProvider.GetRequiredService<RecyclePlatform.Application.Slots.SlotQueries>().ListAsync(district, null, null, CancellationToken.None);
            await db.Slots.Where(s => s.DistrictId == district).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, 0));
        }
        var client = factory.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, DemoAccounts.EmailFor(Roles.Consumer), DemoAccounts.DefaultPassword);

        var step2 = await Forms.PostAsync(client, "/Pickups/Book?handler=Address", new Dictionary<string, string>
        {
            ["BookingKey"] = Guid.NewGuid().ToString(),
            ["Input.Address.DistrictId"] = district.ToString(),
            ["Input.Address.Street"] = "1 Nanda Street",
            ["Input.Address.ContactName"] = "Ma Li",
            ["Input.Address.Phone"] = "139 0000 1111",
        }, tokenFrom: "/Pickups/Book");
        var html = WebUtility.HtmlDecode(await step2.Content.ReadAsStringAsync());

        html.ShouldContain("Every window in your district is taken for the days you can book now.");
        html.ShouldContain("Lianhu"); // Beilin's nearest neighbour
        html.ShouldContain("km away · first free:");
    }

    [Fact]
    public async Task UnknownPage_Is404_WithAFriendlyPage()
    {
        var response = await factory.CreateClient().GetAsync("/no/such/page");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        html.ShouldContain("Page not found");
        html.ShouldContain("Back to the home page");
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\s(style|on[a-z]+)=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyleOrHandler();
}
