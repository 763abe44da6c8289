using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>Smaller leaks found from outside: pages open to anyone, answers that tell ids apart, a missing byte-order mark.</summary>
public sealed class HardeningTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    [Theory]
    [InlineData("/Account/ChangePassword")]
    [InlineData("/Account/Delete")]
    [InlineData("/Account/Manage")]
    public async Task AccountPages_ForTheSignedIn_SendAnonymousVisitorsToSignIn(string path)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task TheSignInRegisterAndForgottenPasswordPages_StayOpen()
    {
        var client = app.CreateBrowserLikeClient();

        (await client.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/Account/Register")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/Account/ForgotPassword")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/Account/ConfirmEmail?userId=x&code=y")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SwaggerUi_IsServedHere_WhereTheSettingIsOn()
    {
        (await app.CreateClient().GetAsync("/swagger/v1/swagger.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AssigningACourierOfAnotherCity_IsNotFound_LikeAnUnknownId()
    {
        var (references, _) = await DemoData.AssignedStopsForDemoCourierAsync(app, 1, districtIndex: 3);
        var admin = await DemoData.ApiClientAsync(app, Roles.Admin);
        var shanghai = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/cities")).EnumerateArray()
            .Single(c => c.GetProperty("slug").GetString() == "shanghai").GetProperty("id").GetGuid();
        var couriers = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/cities/{shanghai}/couriers");
        var shanghaiCourier = couriers.EnumerateArray().First().GetProperty("id").GetGuid();

        var otherCity = await admin.PostAsJsonAsync($"/api/v1/pickups/{references[0]}/assignment", new { courierId = shanghaiCourier, routeOrder = 1 });
        var unknown = await admin.PostAsJsonAsync($"/api/v1/pickups/{references[0]}/assignment", new { courierId = Guid.NewGuid(), routeOrder = 1 });

        otherCity.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherPartnersLot_IsNotFound_AndTheAuditCsvStartsWithOneByteOrderMark()
    {
        var charity = await DemoData.ApiClientAsync(app, Roles.CharityStaff);

        var distributions = await charity.GetAsync($"/api/v1/partner/lots/{Guid.NewGuid()}/distributions");
        var csv = await charity.GetByteArrayAsync("/api/v1/partner/audit.csv");

        distributions.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        csv[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        csv[3].ShouldBe((byte)'l'); // "ledgerIndex", not a second mark
    }

    [Fact]
    public async Task TheSignInCookie_ReadsTheApi_ButChangesNothingThroughIt()
    {
        var (references, _) = await DemoData.AssignedStopsForDemoCourierAsync(app, 1, districtIndex: 4);
        var browser = app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(browser, DemoAccounts.EmailFor(Roles.Consumer), DemoAccounts.DefaultPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var read = await browser.GetAsync("/api/v1/me");
        var cancel = await browser.PostAsJsonAsync($"/api/v1/pickups/{references[0]}/cancellation", new { reason = "forged by another site" });

        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        cancel.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var consumer = await DemoData.ApiClientAsync(app, Roles.Consumer);
        (await consumer.GetFromJsonAsync<JsonElement>($"/api/v1/pickups/{references[0]}")).GetProperty("status").GetString().ShouldNotBe("Cancelled");
    }
}

/// <summary>The app as Production runs it by default: no OpenAPI document and no Swagger UI.</summary>
public sealed class NoSwaggerWebFactory : RecycleWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Swagger:Enabled", "false");
    }
}

public sealed class SwaggerSettingTests(NoSwaggerWebFactory app) : IClassFixture<NoSwaggerWebFactory>
{
    [Theory]
    [InlineData("/swagger/v1/swagger.json")]
    [InlineData("/swagger/index.html")]
    [InlineData("/swagger")]
    public async Task SwaggerIsNotFound_WhenTheSettingIsOff(string path)
    {
        (await app.CreateBrowserLikeClient().GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
