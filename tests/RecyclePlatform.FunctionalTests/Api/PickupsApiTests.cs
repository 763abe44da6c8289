using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Api;

public sealed class PickupsApiTests(RecycleWebFactory factory) : IClassFixture<RecycleWebFactory>
{
    private static int _slotOffset;

    private static async Task<HttpClient> DonorAsync(RecycleWebFactory app, string? email = null, string? password = null)
    {
        var client = app.CreateClient();
        email ??= $"api.{Guid.NewGuid():N}@example.org";
        password ??= "a long enough secret";
        if (email.EndsWith("@example.org", StringComparison.Ordinal))
        {
            await Mailbox.RegisterConfirmedAsync(app, email, password);
        }
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(Guid District, Guid Slot, Guid OtherSlot)> OpenSlotsAsync(HttpClient client, string city = "beijing")
    {
        var cities = await client.GetFromJsonAsync<JsonElement>("/api/v1/cities");
        var district = cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == city)
            .GetProperty("districts")[0].GetProperty("id").GetGuid();
        var slots = await client.GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={district}");
        var open = slots.GetProperty("slots").EnumerateArray().Where(s => s.GetProperty("open").GetBoolean())
            .Select(s => s.GetProperty("id").GetGuid()).ToList();
        var offset = Interlocked.Add(ref _slotOffset, 2) % (open.Count - 1);
        return (district, open[offset], open[offset + 1]);
    }

    private static object Booking(Guid district, Guid slot, int bags = 2, Guid? charityId = null) => new
    {
        slotId = slot,
        address = new { districtId = district, street = "1 Chaoyang Road", contactName = "Wang Fang", phone = "138 0013 8000" },
        categories = new[] { "Clothing", "HomeTextiles" },
        bags,
        weight = "From5To10Kg",
        condition = "Mixed",
        charityId,
    };

    private static HttpRequestMessage Post(string path, object body, string? key = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Slots_AreOpenToAnyone_WithPlacesLeft()
    {
        var client = factory.CreateClient();

        var (district, _, _) = await OpenSlotsAsync(client);
        var slots = await client.GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={district}");

        slots.GetProperty("timeZone").GetString().ShouldBe("Asia/Shanghai");
        slots.GetProperty("slots").GetArrayLength().ShouldBe(14 * 4);
        await ProblemAsync(await client.GetAsync($"/api/v1/slots?districtId={Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Book_Returns201_WithLocationAndETag_AndTheSameKeyReplaysIt()
    {
        var client = await DonorAsync(factory);
        var (district, slot, _) = await OpenSlotsAsync(client);
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(Post("/api/v1/pickups", Booking(district, slot), key));
        var again = await client.SendAsync(Post("/api/v1/pickups", Booking(district, slot), key));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var pickup = await first.Content.ReadFromJsonAsync<JsonElement>();
        var reference = pickup.GetProperty("reference").GetString()!;
        first.Headers.Location!.OriginalString.ShouldBe($"/api/v1/pickups/{reference}");
        first.Headers.ETag!.Tag.ShouldBe("\"1\"");
        pickup.GetProperty("labels").GetArrayLength().ShouldBe(2);
        pickup.GetProperty("status").GetString().ShouldBe("Booked");
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString().ShouldBe(reference);
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/pickups");
        mine.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Book_WithTheSameKeyAndAnotherBody_Is422()
    {
        var client = await DonorAsync(factory);
        var (district, slot, _) = await OpenSlotsAsync(client);
        (await client.SendAsync(Post("/api/v1/pickups", Booking(district, slot, bags: 1), "same-key"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var problem = await ProblemAsync(await client.SendAsync(Post("/api/v1/pickups", Booking(district, slot, bags: 4), "same-key")),
            HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("code").GetString().ShouldBe("idempotency.key_reused");
    }

    [Fact]
    public async Task Book_WithoutAnIdempotencyKey_Is400()
    {
        var client = await DonorAsync(factory);
        var (district, slot, _) = await OpenSlotsAsync(client);

        var problem = await ProblemAsync(await client.SendAsync(Post("/api/v1/pickups", Booking(district, slot))), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Book_WithBadFields_Is400_ListingEachField()
    {
        var client = await DonorAsync(factory);
        var body = new
        {
            slotId = Guid.Empty,
            address = new { districtId = Guid.Empty, street = "", contactName = "", phone = "call me" },
            categories = Array.Empty<string>(),
            bags = 21,
        };

        var problem = await ProblemAsync(await client.SendAsync(Post("/api/v1/pickups", body, "bad-fields")), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "slotId", "address.districtId", "address.street", "address.contactName", "address.phone", "categories", "bags", "weight", "condition" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        errors.GetProperty("bags")[0].GetString().ShouldBe("Choose between 1 and 20 bags.");
    }

    [Fact]
    public async Task Book_ABrokenRule_Is422_WithACode_InTheCallersLanguage()
    {
        var client = await DonorAsync(factory);
        var (district, slot, _) = await OpenSlotsAsync(client);
        var cities = await client.GetFromJsonAsync<JsonElement>("/api/v1/cities");
        var shanghai = cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "shanghai").GetProperty("id").GetGuid();
        var anonymous = factory.CreateClient();
        // A charity of another city cannot receive a Beijing donation.
        var shanghaiCharity = await FindCharityAsync(shanghai);
        var request = Post("/api/v1/pickups", Booking(district, slot, charityId: shanghaiCharity), "wrong-city");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var problem = await ProblemAsync(await client.SendAsync(request), HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("code").GetString().ShouldBe("pickup.charity_not_in_city");
        problem.GetProperty("detail").GetString().ShouldBe("该慈善机构不在此城市接收捐赠。");
        anonymous.Dispose();
    }

    private async Task<Guid> FindCharityAsync(Guid cityId)
    {
        using var scope = factory.Services.CreateScope();
        var queries = scope.ServiceProvider.GetRequiredService<RecyclePlatform.Application.Cities.CityQueries>();
        return (await queries.CharitiesServingAsync(cityId, CancellationToken.None))[0].Id;
    }

    [Fact]
    public async Task AnotherConsumersPickup_IsNotFound_ForReadingAndChanging()
    {
        var owner = await DonorAsync(factory);
        var stranger = await DonorAsync(factory);
        var (district, slot, other) = await OpenSlotsAsync(owner);
        var created = await owner.SendAsync(Post("/api/v1/pickups", Booking(district, slot), "mine"));
        var reference = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();

        await ProblemAsync(await stranger.GetAsync($"/api/v1/pickups/{reference}"), HttpStatusCode.NotFound);
        await ProblemAsync(await stranger.SendAsync(Post($"/api/v1/pickups/{reference}/cancellation", new { })), HttpStatusCode.NotFound);
        await ProblemAsync(await stranger.SendAsync(Post($"/api/v1/pickups/{reference}/reschedule", new { slotId = other })), HttpStatusCode.NotFound);
        (await owner.GetAsync($"/api/v1/pickups/{reference}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reschedule_HonoursIfMatch_AndCancel_Follows()
    {
        var client = await DonorAsync(factory);
        var (district, slot, other) = await OpenSlotsAsync(client);
        var created = await client.SendAsync(Post("/api/v1/pickups", Booking(district, slot), "to-move"));
        var reference = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();

        var stale = await client.SendAsync(Post($"/api/v1/pickups/{reference}/reschedule", new { slotId = other }, ifMatch: "\"5\""));
        var moved = await client.SendAsync(Post($"/api/v1/pickups/{reference}/reschedule", new { slotId = other }, ifMatch: created.Headers.ETag!.Tag));
        var cancelled = await client.SendAsync(Post($"/api/v1/pickups/{reference}/cancellation", new { reason = "changed my mind" }, ifMatch: moved.Headers.ETag!.Tag));

        (await ProblemAsync(stale, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("concurrency.conflict");
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        moved.Headers.ETag!.Tag.ShouldBe("\"2\"");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("Cancelled");
        body.GetProperty("timeline").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task MyPickups_ArePagedWithACursor()
    {
        var client = await DonorAsync(factory);
        var (district, slot, other) = await OpenSlotsAsync(client);
        await client.SendAsync(Post("/api/v1/pickups", Booking(district, slot), "p1"));
        await client.SendAsync(Post("/api/v1/pickups", Booking(district, other), "p2"));

        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/pickups?limit=1");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/v1/pickups?limit=1&cursor={cursor}");

        first.GetProperty("items").GetArrayLength().ShouldBe(1);
        second.GetProperty("items").GetArrayLength().ShouldBe(1);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        second.GetProperty("items")[0].GetProperty("reference").GetString()
            .ShouldNotBe(first.GetProperty("items")[0].GetProperty("reference").GetString());
        await ProblemAsync(await client.GetAsync("/api/v1/pickups?cursor=not-a-cursor"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Pickups_NeedTheConsumerRole()
    {
        var courier = await DonorAsync(factory, DemoAccounts.EmailFor(Roles.Courier), DemoAccounts.DefaultPassword);

        await ProblemAsync(await courier.GetAsync("/api/v1/pickups"), HttpStatusCode.Forbidden);
        await ProblemAsync(await factory.CreateClient().GetAsync("/api/v1/pickups"), HttpStatusCode.Unauthorized);
    }
}

/// <summary>The same app with a tiny booking allowance, to see the limiter answer.</summary>
public sealed class RateLimitedWebFactory : RecycleWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:BookingsPerUserPerMinute", "2");
    }
}

public sealed class BookingRateLimitTests(RateLimitedWebFactory factory) : IClassFixture<RateLimitedWebFactory>
{
    [Fact]
    public async Task TooManyBookings_Get429_WithRetryAfter()
    {
        var client = factory.CreateClient();
        var email = $"fast.{Guid.NewGuid():N}@example.org";
        await Mailbox.RegisterConfirmedAsync(factory, email, "a long enough secret");
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a long enough secret" });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pickups") { Content = JsonContent.Create(new { }) };
            request.Headers.Add("Idempotency-Key", $"k{i}");
            last = await client.SendAsync(request);
            statuses.Add(last.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests]);
        last.Headers.RetryAfter.ShouldNotBeNull();
        var problem = await last.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("rate_limited");
        (await client.GetAsync("/api/v1/pickups")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OnTheBookingPage_OnlyTheFinalStepCounts_AndA429IsAFriendlyPage()
    {
        var client = factory.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, DemoAccounts.EmailFor(Roles.Consumer), DemoAccounts.DefaultPassword);
        var form = new Dictionary<string, string> { ["BookingKey"] = Guid.NewGuid().ToString() };

        var steps = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            steps.Add((await Forms.PostAsync(client, "/Pickups/Book?handler=Address", form, tokenFrom: "/Pickups/Book")).StatusCode);
        }
        var bookings = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            bookings.Add(await Forms.PostAsync(client, "/Pickups/Book?handler=Book", form, tokenFrom: "/Pickups/Book"));
        }

        steps.ShouldAllBe(s => s == HttpStatusCode.OK);
        bookings.Select(b => b.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        bookings[2].Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        (await bookings[2].Content.ReadAsStringAsync()).ShouldContain("Please wait a minute and try again.");
    }
}
