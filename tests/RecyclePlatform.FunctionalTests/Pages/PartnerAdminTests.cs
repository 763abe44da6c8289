using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.FunctionalTests.Pages;

/// <summary>An administrator adds a charity and invites its staff, who set a password from the e-mail and see only their own lots.</summary>
public sealed partial class PartnerAdminTests(RecycleWebFactory factory) : IClassFixture<RecycleWebFactory>
{
    [Fact]
    public async Task Admin_AddsACharity_InvitesStaff_WhoSetAPassword_AndSeeOnlyTheirOwnLots()
    {
        var admin = factory.CreateBrowserLikeClient();
        (await Forms.SignInAsync(admin, DemoAccounts.EmailFor(Roles.Admin), DemoAccounts.DefaultPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Guid shanghai;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            shanghai = (await scope.ServiceProvider.GetRequiredService<IAppDbContext>().Cities.SingleAsync(c => c.Slug == "shanghai")).Id;
        }

        // Bad input is explained next to the field and adds nothing
        var refused = await Forms.PostAsync(admin, "/Admin/Partners?handler=Create", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Charity", ["Input.NameEn"] = "Harbour Clothing Bank", ["Input.NameZh"] = "海港衣物银行", ["Input.ContactEmail"] = "not-an-email",
        }, tokenFrom: "/Admin/Partners");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await refused.Content.ReadAsStringAsync();
        page.ShouldContain("Give a contact e-mail address.");
        page.ShouldContain("Choose at least one city.");

        var created = await Forms.PostAsync(admin, "/Admin/Partners?handler=Create", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Charity", ["Input.NameEn"] = "Harbour Clothing Bank", ["Input.NameZh"] = "海港衣物银行",
            ["Input.ContactEmail"] = "hello@harbour.example", ["Input.CityIds"] = shanghai.ToString(),
        }, tokenFrom: "/Admin/Partners");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Guid partnerId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            partnerId = (await scope.ServiceProvider.GetRequiredService<IAppDbContext>().Partners.SingleAsync(p => p.ContactEmail == "hello@harbour.example")).Id;
        }

        // An address that is not one is said above the forms, and nobody is invited
        var badInvite = await Forms.PostAsync(admin, $"/Admin/Partners?handler=Invite&id={partnerId}",
            new Dictionary<string, string> { ["staffEmail"] = "mei at harbour", ["staffName"] = "Mei" }, tokenFrom: "/Admin/Partners");
        badInvite.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await badInvite.Content.ReadAsStringAsync()).ShouldContain("Enter the e-mail address to invite.");

        var invited = await Forms.PostAsync(admin, $"/Admin/Partners?handler=Invite&id={partnerId}",
            new Dictionary<string, string> { ["staffEmail"] = "mei@harbour.example", ["staffName"] = "Mei" }, tokenFrom: "/Admin/Partners");
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The invitation goes through the notification outbox: the worker e-mails it within a few seconds.
        var mail = await Mailbox.WaitForAsync(factory, "mei@harbour.example", "You are invited to RecyclePlatform for Harbour Clothing Bank");
        var link = new Uri(LinkPattern().Match(mail).Value);

        // The invited person chooses a password from the link, then signs in
        var staff = factory.CreateBrowserLikeClient();
        var setPath = link.PathAndQuery;
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        (await Forms.PostAsync(staff, "/Account/SetPassword", new Dictionary<string, string>
        {
            ["user"] = query["user"]!, ["token"] = "forged", ["Input.NewPassword"] = "harbour-staff-2026", ["Input.ConfirmPassword"] = "harbour-staff-2026",
        }, tokenFrom: setPath)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Forms.PostAsync(staff, "/Account/SetPassword", new Dictionary<string, string>
        {
            ["user"] = query["user"]!, ["token"] = query["token"]!, ["Input.NewPassword"] = "harbour-staff-2026", ["Input.ConfirmPassword"] = "harbour-staff-2026",
        }, tokenFrom: setPath)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = factory.CreateClient();
        var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = "mei@harbour.example", password = "harbour-staff-2026" });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        api.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

        (await api.GetFromJsonAsync<JsonElement>("/api/v1/partner/lots")).GetArrayLength().ShouldBe(0);
        // Another charity's lot does not exist for them
        var stranger = await api.PostAsJsonAsync($"/api/v1/partner/lots/{Guid.CreateVersion7()}/receipt", new { kg = 5, items = 10 });
        stranger.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        stranger.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var csv = await api.GetAsync("/api/v1/partner/audit.csv");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await csv.Content.ReadAsStringAsync()).Trim().ShouldBe("ledgerIndex,kind,at,lot,stream,city,grams,verified,leafHash,entry");
        // and the hub's endpoints are closed to them
        (await api.GetAsync("/api/v1/hub/lots")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [GeneratedRegex(@"http://\S+/Account/SetPassword\?\S+")]
    private static partial Regex LinkPattern();
}
