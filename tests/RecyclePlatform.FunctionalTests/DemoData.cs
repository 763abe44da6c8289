using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.FunctionalTests;

/// <summary>Arranges what a test needs through the public API, as the demo accounts would.</summary>
internal static class DemoData
{
    /// <summary>Waits (up to 20 s) until every ledger entry is sequenced and signed, and returns the log's size.</summary>
    public static async Task<long> LedgerSettledAsync(RecycleWebFactory app)
    {
        long size;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            await Task.Delay(100);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            size = await db.LedgerEntries.CountAsync();
            var signed = await db.LedgerCheckpoints.MaxAsync(c => (long?)c.Size) ?? 0;
            if (size > 0 && signed == size && !await db.LedgerOutbox.AnyAsync())
            {
                break;
            }
        }
        while (DateTime.UtcNow < deadline);
        return size;
    }

    private static readonly string[] Clothing = ["Clothing"];

    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static async Task<HttpClient> ApiClientAsync(RecycleWebFactory app, string role)
    {
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoAccounts.EmailFor(role), password = DemoAccounts.DefaultPassword });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>The password of the donors <see cref="RegisteredDonorAsync"/> registers.</summary>
    public const string DonorPassword = "a long enough secret";

    /// <summary>A new donor, registered and confirmed through the pages: a browser-like client signed in, and an API client with their token.</summary>
    public static async Task<(HttpClient Browser, HttpClient Api, string Email)> RegisteredDonorAsync(RecycleWebFactory app, string displayName = "Zhou Ling")
    {
        const string password = DonorPassword;
        var client = app.CreateBrowserLikeClient();
        var email = $"donor.{Guid.NewGuid():N}@example.org";
        var registered = await Forms.PostAsync(client, "/Account/Register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = displayName,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        registered.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await registered.Content.ReadAsStringAsync()).ShouldContain("Check your inbox");
        var link = Mailbox.LinkTo(await Mailbox.WaitForAsync(app, email, "Confirm"), "/Account/ConfirmEmail");
        (await Forms.PostAsync(client, link, new Dictionary<string, string>())).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await Forms.SignInAsync(client, email, password)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var api = app.CreateClient();
        var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return (client, api, email);
    }

    /// <summary>Books <paramref name="count"/> pickups for the demo donor in one Beijing window and puts them on the demo courier's route.</summary>
    /// <param name="daysAhead">Book a window at least this many days after today (UTC), so whether the stop is "today" for the courier does not depend on the clock.</param>
    /// <param name="campaignId">A campaign running in Beijing today to count the pickups for; null counts them as the app decides.</param>
    public static async Task<(List<string> References, string Day)> AssignedStopsForDemoCourierAsync(RecycleWebFactory app, int count, int districtIndex,
        int daysAhead = 0, Guid? campaignId = null)
    {
        var earliest = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysAhead);
        var consumer = await ApiClientAsync(app, Roles.Consumer);
        var dispatcher = await ApiClientAsync(app, Roles.Dispatcher);
        var cities = await consumer.GetFromJsonAsync<JsonElement>("/api/v1/cities");
        var district = cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "beijing").GetProperty("districts")[districtIndex].GetProperty("id").GetGuid();
        var slots = await consumer.GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={district}");
        var slot = slots.GetProperty("slots").EnumerateArray().First(s => s.GetProperty("open").GetBoolean() && s.GetProperty("placesLeft").GetInt32() >= count
            && DateOnly.Parse(s.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= earliest);
        Guid courierId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RecyclePlatform.Infrastructure.Persistence.AppDbContext>();
            var courierUser = await db.Users.SingleAsync(u => u.Email == DemoAccounts.EmailFor(Roles.Courier));
            courierId = (await db.Couriers.SingleAsync(c => c.UserId == courierUser.Id)).Id;
        }
        var references = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var booking = JsonSerializer.SerializeToNode(new
            {
                slotId = slot.GetProperty("id").GetGuid(),
                address = new { districtId = district, street = $"{10 + i} Dongzhimen Street", contactName = "Demo Donor", phone = "138 0013 8000", accessNotes = "Gate code 1234" },
                categories = Clothing,
                bags = 2,
                weight = "From5To10Kg",
                condition = "Wearable",
            })!.AsObject();
            if (campaignId is { } campaign)
            {
                booking["campaignId"] = campaign;
            }
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pickups") { Content = JsonContent.Create(booking) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var booked = await consumer.SendAsync(request);
            booked.EnsureSuccessStatusCode();
            var reference = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
            (await dispatcher.PostAsJsonAsync($"/api/v1/pickups/{reference}/assignment", new { courierId, routeOrder = i + 1 })).EnsureSuccessStatusCode();
            references.Add(reference);
        }
        return (references, slot.GetProperty("date").GetString()!);
    }

    /// <summary>Pickups of the demo donor collected by the demo courier (6.5 kg each) and received at the Beijing hub, all through the API.</summary>
    public static async Task<List<string>> ReceivedAtDemoHubAsync(RecycleWebFactory app, int count, int districtIndex, Guid? campaignId = null)
    {
        var (references, day) = await AssignedStopsForDemoCourierAsync(app, count, districtIndex, campaignId: campaignId);
        var courier = await ApiClientAsync(app, Roles.Courier);
        var hub = await ApiClientAsync(app, Roles.HubOperator);
        var stops = await courier.GetFromJsonAsync<JsonElement>($"/api/v1/courier/stops?date={day}");
        foreach (var reference in references)
        {
            var stop = stops.GetProperty("stops").EnumerateArray().Single(s => s.GetProperty("reference").GetString() == reference);
            var labels = stop.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
            foreach (var body in new object[] { new { type = "EnRoute" }, new { type = "PickedUp", labels, bags = labels.Count, weightKg = 6.5m } })
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pickups/{reference}/events") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                (await courier.SendAsync(request)).EnsureSuccessStatusCode();
            }
            (await hub.PostAsJsonAsync($"/api/v1/pickups/{reference}/hub-receipt", new { labels })).EnsureSuccessStatusCode();
        }
        return references;
    }

    /// <summary>A campaign's published totals (<paramref name="path"/>) once this node has folded the log up to <paramref name="size"/> entries.</summary>
    public static async Task<JsonElement> ImpactAtAsync(HttpClient client, string path, long size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var body = await client.GetFromJsonAsync<JsonElement>(path);
            if (body.GetProperty("impact") is { ValueKind: JsonValueKind.Object } impact && impact.GetProperty("checkpoint").GetProperty("size").GetInt64() >= size)
            {
                return body;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The totals did not reach checkpoint {size}: {body}");
            }
            await Task.Delay(200);
        }
    }
}
