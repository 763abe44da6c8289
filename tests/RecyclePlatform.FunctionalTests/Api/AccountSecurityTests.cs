using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>Sessions that end when they should, and sign-up and sign-in that do not tell who has an account.</summary>
public sealed class AccountSecurityTests(RecycleWebFactory factory) : IClassFixture<RecycleWebFactory>
{
    private const string Password = "a long enough secret";

    private async Task<(string Email, HttpClient Bearer)> ConfirmedDonorAsync()
    {
        var email = $"session.{Guid.NewGuid():N}@example.org";
        await Mailbox.RegisterConfirmedAsync(factory, email, Password);
        var client = factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (email, client);
    }

    [Fact]
    public async Task ABearerToken_StopsWorking_AfterLogout()
    {
        var (_, bearer) = await ConfirmedDonorAsync();
        var copy = factory.CreateClient();
        copy.DefaultRequestHeaders.Authorization = bearer.DefaultRequestHeaders.Authorization;

        (await bearer.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await copy.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ABearerToken_StopsWorking_AfterAPasswordChange()
    {
        var (email, bearer) = await ConfirmedDonorAsync();
        var copy = factory.CreateClient();
        copy.DefaultRequestHeaders.Authorization = bearer.DefaultRequestHeaders.Authorization;

        (await bearer.PostAsJsonAsync("/api/v1/auth/manage/info", new { oldPassword = Password, newPassword = "another long secret" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        (await copy.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "another long secret" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ABearerTokenAndACookie_StopWorking_WhenTheAccountIsDeleted()
    {
        var (email, bearer) = await ConfirmedDonorAsync();
        var (browser, jar) = Browser();
        (await Forms.SignInAsync(browser, email, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = CookieOf(jar);

        (await Forms.PostAsync(browser, "/Account/Delete", new Dictionary<string, string> { ["Password"] = Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var replay = await WithCookieAsync(cookie, "/Account/Manage");
        replay.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replay.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task ACopiedCookie_StopsWorking_AfterSignOut_AndTheOtherDevicesToo()
    {
        var (email, bearer) = await ConfirmedDonorAsync();
        var (browser, jar) = Browser();
        (await Forms.SignInAsync(browser, email, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = CookieOf(jar);
        (await WithCookieAsync(cookie, "/Account/Manage")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Forms.PostAsync(browser, "/Account/Logout", new Dictionary<string, string>(), tokenFrom: "/Account/Manage"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var replay = await WithCookieAsync(cookie, "/Account/Manage");
        replay.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replay.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangingThePasswordOnAPage_KeepsThisSession_AndEndsTheOthers()
    {
        var (email, bearer) = await ConfirmedDonorAsync();
        var browser = factory.CreateBrowserLikeClient();
        (await Forms.SignInAsync(browser, email, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await Forms.PostAsync(browser, "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Password,
            ["Input.NewPassword"] = "a brand new secret",
            ["Input.ConfirmPassword"] = "a brand new secret",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await browser.GetAsync("/Account/Manage")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SigningUpWithAKnownAddress_AnswersExactlyLikeANewOne_AndMailsTheOwner()
    {
        var client = factory.CreateClient();
        var known = DemoAccounts.EmailFor(Roles.Courier);

        var forKnown = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = known, password = Password });
        var forNew = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = $"new.{Guid.NewGuid():N}@example.org", password = Password });

        forKnown.StatusCode.ShouldBe(forNew.StatusCode);
        (await forKnown.Content.ReadAsStringAsync()).ShouldBe(await forNew.Content.ReadAsStringAsync());
        (await Mailbox.WaitForAsync(factory, known, "You already have")).ShouldContain("/Account/Login");
        // The owner's account is untouched: still a courier, the password unchanged.
        (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = known, password = DemoAccounts.DefaultPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SigningIn_WithAnUnknownAddress_AWrongPasswordOrAnUnconfirmedAccount_LooksTheSame()
    {
        var client = factory.CreateClient();
        var unconfirmed = $"unconfirmed.{Guid.NewGuid():N}@example.org";
        (await client.PostAsJsonAsync("/api/v1/auth/register", new { email = unconfirmed, password = Password })).EnsureSuccessStatusCode();

        var unknown = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"nobody.{Guid.NewGuid():N}@example.org", password = Password });
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoAccounts.EmailFor(Roles.Dispatcher), password = "not the password" });
        var unconfirmedWrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = unconfirmed, password = "not the password" });
        var unconfirmedRight = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = unconfirmed, password = Password });

        var bodies = new[] { unknown, wrong, unconfirmedWrong };
        foreach (var response in bodies)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("Failed");
        }
        // Only someone who knows the password learns that the address still needs confirming.
        (await unconfirmedRight.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("NotAllowed");
    }

    [Fact]
    public async Task SigningIn_WithAnUnknownAddress_CostsAPasswordHash_LikeAKnownOne()
    {
        // Not a speed target: whether the unknown address does the hash at all (7 ms against ~100 ms before).
        var client = factory.CreateClient();
        var known = DemoAccounts.EmailFor(Roles.Admin);
        await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "warm-up@example.org", password = "x" });

        async Task<double> MedianAsync(Func<string> email)
        {
            var times = new List<double>();
            for (var i = 0; i < 4; i++)
            {
                var clock = Stopwatch.StartNew();
                (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = email(), password = "not the password" }))
                    .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            return times.Order().ElementAt(times.Count / 2);
        }

        var knownMs = await MedianAsync(() => known);
        var unknownMs = await MedianAsync(() => $"nobody.{Guid.NewGuid():N}@example.org");

        unknownMs.ShouldBeGreaterThan(knownMs * 0.4, $"known {knownMs:0} ms, unknown {unknownMs:0} ms");
    }

    [Fact]
    public async Task AForgottenPassword_IsResetThroughTheEmailedLink_AndUnknownAddressesGetTheSameAnswer()
    {
        var (email, bearer) = await ConfirmedDonorAsync();
        var browser = factory.CreateBrowserLikeClient();

        var forKnown = await Forms.PostAsync(browser, "/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email });
        var forUnknown = await Forms.PostAsync(browser, "/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = $"nobody.{Guid.NewGuid():N}@example.org" });
        (await forKnown.Content.ReadAsStringAsync()).ShouldContain("If an account uses that address, we have sent it a link.");
        (await forUnknown.Content.ReadAsStringAsync()).ShouldContain("If an account uses that address, we have sent it a link.");

        var link = Mailbox.LinkTo(await Mailbox.WaitForAsync(factory, email, "new RecyclePlatform password"), "/Account/SetPassword");
        var set = await Forms.PostAsync(browser, link, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "remembered at last",
            ["Input.ConfirmPassword"] = "remembered at last",
        });

        set.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await bearer.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "remembered at last" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheApiForgotPassword_SendsACodeThatResetPasswordAccepts()
    {
        var (email, _) = await ConfirmedDonorAsync();
        var client = factory.CreateClient();

        (await client.PostAsJsonAsync("/api/v1/auth/forgotPassword", new { email })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var mail = (await Mailbox.WaitForAsync(factory, email, "new RecyclePlatform password"));
        var code = mail[(mail.IndexOf("code instead: ", StringComparison.Ordinal) + "code instead: ".Length)..].Split('\n')[0].Trim();
        var reset = await client.PostAsJsonAsync("/api/v1/auth/resetPassword", new { email, resetCode = code, newPassword = "set through the api" });

        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "set through the api" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>A browser-like client whose cookie jar the test can read, to replay a session from elsewhere.</summary>
    private (HttpClient Client, CookieContainer Jar) Browser()
    {
        var jar = new CookieContainer();
        return (factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar)), jar);
    }

    private static string CookieOf(CookieContainer jar) => jar.GetCookieHeader(new Uri("http://localhost/"));

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}

/// <summary>The app with the real (low) sign-in limits, to show they hold.</summary>
public sealed class ThrottledWebFactory : RecycleWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:AccountRequestsPerIpPerMinute", "8");
        builder.UseSetting("RateLimits:AccountRequestsPerAddressPerMinute", "3");
    }
}

public sealed class SignInThrottleTests(ThrottledWebFactory factory) : IClassFixture<ThrottledWebFactory>
{
    [Fact]
    public async Task OneAddress_IsThrottledAfterThreeAttempts_WhileOthersStillSignIn_ThenTheIpAddressIsThrottledToo()
    {
        var client = factory.CreateClient();
        var target = DemoAccounts.EmailFor(Roles.HubOperator);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/login", new { email = target, password = "guess " + i })).StatusCode);
        }
        var other = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoAccounts.EmailFor(Roles.Consumer), password = DemoAccounts.DefaultPassword });
        var page = await Forms.PostAsync(factory.CreateBrowserLikeClient(), "/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = target,
            ["Input.Password"] = "guess 5",
        });
        var ipStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            ipStatuses.Add((await client.PostAsJsonAsync("/api/v1/auth/register", new { email = $"flood{i}.{Guid.NewGuid():N}@example.org", password = "a long enough secret" })).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Too many attempts for this address.");
        // 8 per minute from one IP: 4 + 1 + 1 (the page) + 2 sign-ups, then refused.
        ipStatuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
    }
}
