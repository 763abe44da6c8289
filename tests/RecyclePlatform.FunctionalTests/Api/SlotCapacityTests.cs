using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>A dispatcher's per-window override, through the API and the Dispatch page.</summary>
public sealed class SlotCapacityTests(RecycleWebFactory factory) : IClassFixture<RecycleWebFactory>
{
    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoAccounts.EmailFor(role), password = DemoAccounts.DefaultPassword });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    private async Task<JsonElement> FirstOpenSlotAsync(string city)
    {
        var cities = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cities");
        var district = cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == city).GetProperty("districts")[1].GetProperty("id").GetGuid();
        var slots = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={district}");
        return slots.GetProperty("slots").EnumerateArray().Last(s => s.GetProperty("open").GetBoolean());
    }

    private static HttpRequestMessage Put(Guid slot, int capacity, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/slots/{slot}/capacity") { Content = JsonContent.Create(new { capacity }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    [Fact]
    public async Task Dispatcher_SetsTheCapacityOfAWindowInTheirCity_AndDonorsSeeIt()
    {
        var dispatcher = await SignedInAsync(Roles.Dispatcher);
        var slot = await FirstOpenSlotAsync("beijing");
        var id = slot.GetProperty("id").GetGuid();

        var stale = await dispatcher.SendAsync(Put(id, 3, "\"999\""));
        var saved = await dispatcher.SendAsync(Put(id, 0, $"\"{slot.GetProperty("version").GetInt64()}\""));

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("capacity").GetInt32().ShouldBe(0);
        body.GetProperty("capacityOverridden").GetBoolean().ShouldBeTrue();
        var after = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={slot.GetProperty("districtId").GetGuid()}");
        var window = after.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == id);
        window.GetProperty("open").GetBoolean().ShouldBeFalse();
        window.GetProperty("placesLeft").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Dispatcher_CannotTouchAnotherCitysWindows_AndBadValuesAreRefused()
    {
        var dispatcher = await SignedInAsync(Roles.Dispatcher);
        var chengdu = await FirstOpenSlotAsync("chengdu");
        var beijing = await FirstOpenSlotAsync("beijing");

        var otherCity = await dispatcher.SendAsync(Put(chengdu.GetProperty("id").GetGuid(), 2, null));
        var negative = await dispatcher.SendAsync(Put(beijing.GetProperty("id").GetGuid(), -1, null));
        var consumer = await (await SignedInAsync(Roles.Consumer)).SendAsync(Put(beijing.GetProperty("id").GetGuid(), 2, null));
        var admin = await (await SignedInAsync(Roles.Admin)).SendAsync(Put(chengdu.GetProperty("id").GetGuid(), 12, null));

        otherCity.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        negative.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await negative.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("capacity")[0].GetString()
            .ShouldBe("Places must be between 0 and 500.");
        consumer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DispatchWindowsPage_ShowsTheDay_AndSavesAnOverride()
    {
        var client = factory.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, DemoAccounts.EmailFor(Roles.Dispatcher), DemoAccounts.DefaultPassword);
        var slot = await FirstOpenSlotAsync("shanghai");
        var district = slot.GetProperty("districtId").GetGuid();
        var date = slot.GetProperty("date").GetString();

        var page = await client.GetStringAsync($"/Dispatch/Windows?districtId={district}&date={date}");
        var saved = await Forms.PostAsync(client, "/Dispatch/Windows", new Dictionary<string, string>
        {
            ["slotId"] = slot.GetProperty("id").GetString()!,
            ["version"] = slot.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["capacity"] = "15",
            ["districtId"] = district.ToString(),
            ["date"] = date!,
        }, tokenFrom: $"/Dispatch/Windows?districtId={district}&date={date}");
        var after = await client.GetStringAsync(saved.Headers.Location!.OriginalString);

        page.ShouldContain(slot.GetProperty("localStart").GetString()!);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.ShouldContain("Capacity saved.");
        after.ShouldContain("value=\"15\"");
        after.ShouldContain("set by hand");
    }
}
