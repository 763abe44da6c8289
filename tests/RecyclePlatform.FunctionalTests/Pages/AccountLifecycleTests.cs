using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RecyclePlatform.FunctionalTests.Pages;

/// <summary>Messages in the app and by e-mail, and deleting an account, through the pages.</summary>
public sealed class AccountLifecycleTests(RecycleWebFactory factory) : IClassFixture<RecycleWebFactory>
{
    private async Task<(HttpClient Client, string Email)> RegisterAsync()
    {
        var (client, _, email) = await DemoData.RegisteredDonorAsync(factory);
        return (client, email);
    }

    private static async Task<string> BookThroughThePagesAsync(HttpClient client, RecycleWebFactory app)
    {
        var cities = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cities");
        var district = cities[0].GetProperty("districts")[0].GetProperty("id").GetGuid();
        var slots = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={district}");
        var slot = slots.GetProperty("slots").EnumerateArray().Last(s => s.GetProperty("open").GetBoolean()).GetProperty("id").GetGuid();
        var booked = await Forms.PostAsync(client, "/Pickups/Book?handler=Book", new Dictionary<string, string>
        {
            ["BookingKey"] = Guid.NewGuid().ToString(),
            ["Input.Address.DistrictId"] = district.ToString(),
            ["Input.Address.Street"] = "5 Wangfujing Street",
            ["Input.Address.ContactName"] = "Zhou Ling",
            ["Input.Address.Phone"] = "139 1234 5678",
            ["Input.SlotId"] = slot.ToString(),
            ["Input.Categories"] = "Clothing",
            ["Input.Bags"] = "2",
            ["Input.Weight"] = "From5To10Kg",
            ["Input.Condition"] = "Wearable",
        }, tokenFrom: "/Pickups/Book");
        booked.StatusCode.ShouldBe(HttpStatusCode.Redirect, await booked.Content.ReadAsStringAsync());
        return booked.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Booking_ShowsAMessage_AndWritesAnEmail()
    {
        var (client, email) = await RegisterAsync();

        var details = await BookThroughThePagesAsync(client, factory);
        var detailsPage = await client.GetStringAsync(details);
        var messages = await client.GetStringAsync("/Messages");

        detailsPage.ShouldContain("Your pickup is booked.");
        messages.ShouldContain("is booked");
        messages.ShouldContain("Please print a label for each bag.");
        (await Mailbox.WaitForAsync(factory, email, "Pickup")).ShouldContain("is booked");
    }

    [Fact]
    public async Task DeletingTheAccount_NeedsThePassword_ThenSignsOutForGood()
    {
        var (client, email) = await RegisterAsync();
        await BookThroughThePagesAsync(client, factory);

        var refused = await Forms.PostAsync(client, "/Account/Delete", new Dictionary<string, string> { ["Password"] = "not my password" });
        var deleted = await Forms.PostAsync(client, "/Account/Delete", new Dictionary<string, string> { ["Password"] = "a long enough secret" });
        var signInAgain = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a long enough secret" });

        (await refused.Content.ReadAsStringAsync()).ShouldContain("The current password is not correct.");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/Pickups")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signInAgain.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnotherDonorsPickupPage_IsAFriendly404()
    {
        var (owner, _) = await RegisterAsync();
        var details = await BookThroughThePagesAsync(owner, factory);
        var (stranger, _) = await RegisterAsync();

        var response = await stranger.GetAsync(details);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Page not found");
    }
}
