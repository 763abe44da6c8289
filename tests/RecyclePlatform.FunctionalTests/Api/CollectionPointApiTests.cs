using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>
/// A campaign's own pickup windows and a team's collection point, over HTTP: windows a campaign adds are offered and
/// count for it, stop being offered when it drops them; members book their bags into the point one household each,
/// the public never sees its address, and the organiser alone can call it off (which cancels the members' pickups).
/// </summary>
public sealed class CollectionPointApiTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    [Fact]
    public async Task ACampaignsOwnWindows_AreOffered_CountForIt_AndStopWhenItDropsThem()
    {
        var admin = await DemoData.ApiClientAsync(app, Roles.Admin);
        var consumer = await DemoData.ApiClientAsync(app, Roles.Consumer);
        var (beijing, district) = await BeijingAsync(consumer, districtIndex: 2);

        // Beijing's own windows run 09:00 to 21:00: a campaign adds before or after them, never over them.
        await ShouldBeRuleAsync(await admin.PostAsJsonAsync("/api/v1/campaigns", Campaign("over-city", beijing, ("20:00", "22:00"))),
            HttpStatusCode.UnprocessableEntity, "campaign.window_overlaps_city");
        foreach (var windows in new[] { new[] { ("07:00", "06:00") }, [("25:00", "26:00")], [("07:00", "07:10")], [("\u0000", "08:00")],
                     [("06:00", "08:00"), ("07:00", "08:30")], [("05:00", "05:30"), ("05:30", "06:00"), ("06:00", "06:30"), ("06:30", "07:00"), ("07:00", "07:30")] })
        {
            // Unreadable times are refused as input (400), impossible windows by the rule (422): the same words either way.
            var refused = await admin.PostAsJsonAsync("/api/v1/campaigns", Campaign("bad-windows", beijing, windows));
            refused.StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity);
            if (!windows[0].Item1.Contains('\u0000', StringComparison.Ordinal))
            {
                (await refused.Content.ReadAsStringAsync()).ShouldContain("Each window needs a start and an end");
            }
        }
        var created = await admin.PostAsJsonAsync("/api/v1/campaigns", Campaign("early-birds", beijing, ("07:00", "08:30")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await created.Content.ReadFromJsonAsync<JsonElement>();
        var campaignId = campaign.GetProperty("id").GetGuid();
        campaign.GetProperty("windows")[0].GetProperty("starts").GetString().ShouldBe("07:00");

        var slots = (await consumer.GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={district}")).GetProperty("slots").EnumerateArray().ToList();
        var early = slots.Where(s => s.GetProperty("campaignId").ValueKind == JsonValueKind.String).ToList();
        early.ShouldNotBeEmpty();
        early.ShouldAllBe(s => s.GetProperty("campaignId").GetGuid() == campaignId && s.GetProperty("localStart").GetString() == "07:00"
            && s.GetProperty("localEnd").GetString() == "08:30");
        // Each day has the city's four windows and the campaign's one, earliest first.
        var day = early[^1].GetProperty("date").GetString();
        slots.Where(s => s.GetProperty("date").GetString() == day).Select(s => s.GetProperty("localStart").GetString())
            .ShouldBe(["07:00", "09:00", "12:00", "15:00", "18:00"]);

        // Booked in the campaign's window, the pickup counts for the campaign; another campaign cannot claim it.
        var other = await admin.PostAsJsonAsync("/api/v1/campaigns", Campaign("other-drive", beijing));
        var otherId = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var window = early[^1].GetProperty("id").GetGuid();
        await ShouldBeRuleAsync(await BookAsync(consumer, window, district, otherId), HttpStatusCode.UnprocessableEntity, "campaign.window_of_another");
        var booked = await BookAsync(consumer, window, district, null);
        booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var reference = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        (await PickupAsync(reference)).CampaignId.ShouldBe(campaignId);

        // The campaign drops its windows: no more bookings there; the pickup already booked stands.
        var update = new HttpRequestMessage(HttpMethod.Put, "/api/v1/campaigns/early-birds") { Content = JsonContent.Create(Campaign("early-birds", beijing)) };
        var updated = await admin.SendAsync(update);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        (await consumer.GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={district}")).GetProperty("slots").EnumerateArray()
            .ShouldAllBe(s => s.GetProperty("campaignId").ValueKind == JsonValueKind.Null);
        await ShouldBeRuleAsync(await BookAsync(consumer, window, district, null), HttpStatusCode.Conflict, "campaign.window_withdrawn");
        (await PickupAsync(reference)).Status.ShouldBe(PickupStatus.Booked);
    }

    [Fact]
    public async Task ACollectionPoint_TakesOneHouseholdPerMember_HidesItsAddress_AndOnlyItsOrganiserCallsItOff()
    {
        var organiser = await DemoData.ApiClientAsync(app, Roles.Consumer);
        var (_, member, _) = await DemoData.RegisteredDonorAsync(app, "Li Na");
        var (_, outsider, _) = await DemoData.RegisteredDonorAsync(app, "Wang Fang");
        var anonymous = app.CreateClient();
        var (_, district) = await BeijingAsync(organiser, districtIndex: 3);
        var (_, elsewhere) = await BeijingAsync(organiser, districtIndex: 0);

        await organiser.DeleteAsync("/api/v1/teams/membership"); // the class's tests share one donor
        var formed = await organiser.PostAsJsonAsync("/api/v1/teams", new { name = "Riverside Gardens", kind = "Community" });
        formed.StatusCode.ShouldBe(HttpStatusCode.Created, await formed.Content.ReadAsStringAsync());
        var team = await formed.Content.ReadFromJsonAsync<JsonElement>();
        var teamId = team.GetProperty("id").GetGuid();
        (await member.PostAsJsonAsync("/api/v1/teams/membership", new { code = team.GetProperty("joinCode").GetString() })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var slot = (await organiser.GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={district}")).GetProperty("slots").EnumerateArray()
            .Last(s => s.GetProperty("open").GetBoolean()).GetProperty("id").GetGuid();
        var points = $"/api/v1/teams/{teamId}/collection-points";
        // Only the founder holds one, in a window of the address's district, with an address that is one.
        await ShouldBeRuleAsync(await member.PostAsJsonAsync(points, Point(slot, district)), HttpStatusCode.Conflict, "collection_point.not_organiser");
        await ShouldBeRuleAsync(await outsider.PostAsJsonAsync(points, Point(slot, district)), HttpStatusCode.Conflict, "team.not_member");
        await ShouldBeRuleAsync(await organiser.PostAsJsonAsync(points, Point(slot, elsewhere)), HttpStatusCode.UnprocessableEntity, "pickup.district_mismatch");
        foreach (var street in new[] { "", "a\u0000b", new string('x', 10 * 1024 * 1024) })
        {
            var response = await organiser.PostAsJsonAsync(points, Point(slot, district, street));
            ((int)response.StatusCode).ShouldBeInRange(400, 499);
        }
        (await organiser.PostAsJsonAsync(points, Point(Guid.NewGuid(), district))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var held = await organiser.PostAsJsonAsync(points, Point(slot, district));
        held.StatusCode.ShouldBe(HttpStatusCode.Created, await held.Content.ReadAsStringAsync());
        var pointId = (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The public sees when and which district; members also see where.
        var seen = await anonymous.GetStringAsync(points);
        seen.ShouldNotContain("Riverside Gardens Clubhouse");
        seen.ShouldNotContain("139");
        JsonDocument.Parse(seen).RootElement[0].GetProperty("address").ValueKind.ShouldBe(JsonValueKind.Null);
        (await member.GetFromJsonAsync<JsonElement>(points))[0].GetProperty("address").GetProperty("street").GetString().ShouldBe("Riverside Gardens Clubhouse");

        // Each member books their own bags there, once; a donor outside the team cannot.
        var bags = $"/api/v1/teams/collection-points/{pointId}/pickups";
        await ShouldBeRuleAsync(await outsider.PostAsJsonAsync(bags, Bags(2)), HttpStatusCode.Conflict, "team.not_member");
        foreach (var body in new object[] { Bags(0), Bags(21), new { bags = 2 }, new { bags = 2, weight = "Heavy", condition = "Wearable", categories = new[] { "Clothing" } } })
        {
            ((int)(await member.PostAsJsonAsync(bags, body)).StatusCode).ShouldBeInRange(400, 499);
        }
        // Five taps at once (a retry racing the first): one pickup, the others told it is already booked.
        var taps = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => member.PostAsJsonAsync(bags, Bags(3))));
        taps.Count(t => t.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        taps.Where(t => t.StatusCode != HttpStatusCode.Created).ShouldAllBe(t => t.StatusCode == HttpStatusCode.Conflict);
        var mine = taps.Single(t => t.StatusCode == HttpStatusCode.Created);
        var reference = (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        await ShouldBeRuleAsync(await member.PostAsJsonAsync(bags, Bags(1)), HttpStatusCode.Conflict, "collection_point.already_booked");
        (await organiser.PostAsJsonAsync(bags, Bags(2))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var pickup = await PickupAsync(reference);
        pickup.TeamId.ShouldBe(teamId);
        pickup.CollectionPointId.ShouldBe(pointId);
        pickup.Address.Street.ShouldBe("Riverside Gardens Clubhouse");
        var listed = (await anonymous.GetFromJsonAsync<JsonElement>(points))[0];
        listed.GetProperty("households").GetInt32().ShouldBe(2);
        listed.GetProperty("bags").GetInt32().ShouldBe(5);
        (await member.GetFromJsonAsync<JsonElement>(points))[0].GetProperty("myReference").GetString().ShouldBe(reference);

        // The courier comes to the point in its window: a member cannot move their pickup, only cancel it.
        var other = (await member.GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={district}")).GetProperty("slots").EnumerateArray()
            .First(s => s.GetProperty("open").GetBoolean() && s.GetProperty("id").GetGuid() != slot).GetProperty("id").GetGuid();
        await ShouldBeRuleAsync(await member.PostAsJsonAsync($"/api/v1/pickups/{reference}/reschedule", new { slotId = other }),
            HttpStatusCode.Conflict, "collection_point.pickup_fixed");

        // On the courier's list the stop says it is one household of a collection point (and calling the point off cancels it too).
        Guid courierId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RecyclePlatform.Infrastructure.Persistence.AppDbContext>();
            var courierUser = await db.Users.SingleAsync(u => u.Email == DemoAccounts.EmailFor(Roles.Courier));
            courierId = (await db.Couriers.SingleAsync(c => c.UserId == courierUser.Id)).Id;
        }
        var dispatcher = await DemoData.ApiClientAsync(app, Roles.Dispatcher);
        (await dispatcher.PostAsJsonAsync($"/api/v1/pickups/{reference}/assignment", new { courierId, routeOrder = 1 })).EnsureSuccessStatusCode();
        var courier = await DemoData.ApiClientAsync(app, Roles.Courier);
        var stops = await courier.GetFromJsonAsync<JsonElement>($"/api/v1/courier/stops?date={listed.GetProperty("date").GetString()}");
        stops.GetProperty("stops").EnumerateArray().Single(s => s.GetProperty("reference").GetString() == reference)
            .GetProperty("atCollectionPoint").GetBoolean().ShouldBeTrue();

        // Only the organiser calls it off; the members' pickups there are cancelled with it.
        await ShouldBeRuleAsync(await member.DeleteAsync($"/api/v1/teams/collection-points/{pointId}"), HttpStatusCode.Conflict, "collection_point.not_organiser");
        (await organiser.DeleteAsync($"/api/v1/teams/collection-points/{pointId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PickupAsync(reference)).Status.ShouldBe(PickupStatus.Cancelled);
        await ShouldBeRuleAsync(await member.PostAsJsonAsync(bags, Bags(1)), HttpStatusCode.Conflict, "collection_point.cancelled");
        (await anonymous.GetFromJsonAsync<JsonElement>(points)).GetArrayLength().ShouldBe(0);

        foreach (var path in new[] { $"/api/v1/teams/collection-points/{Guid.NewGuid()}/pickups", "/api/v1/teams/collection-points/not-a-guid/pickups", "/api/v1/teams/collection-points/😀/pickups" })
        {
            ((int)(await member.PostAsJsonAsync(path, Bags(1))).StatusCode).ShouldBe(404);
        }
    }

    [Fact]
    public async Task WhenTheOrganiserDeletesTheirAccount_ThePointIsOff_AndItsAddressIsForgottenEverywhere()
    {
        var (organiserPages, organiser, _) = await DemoData.RegisteredDonorAsync(app, "Chen Jie");
        var (_, member, _) = await DemoData.RegisteredDonorAsync(app, "Li Na");
        var (_, district) = await BeijingAsync(organiser, districtIndex: 4);
        var team = await (await organiser.PostAsJsonAsync("/api/v1/teams", new { name = "Tsinghua Green Society", kind = "University" })).Content.ReadFromJsonAsync<JsonElement>();
        (await member.PostAsJsonAsync("/api/v1/teams/membership", new { code = team.GetProperty("joinCode").GetString() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var slot = (await organiser.GetFromJsonAsync<JsonElement>($"/api/v1/slots?districtId={district}")).GetProperty("slots").EnumerateArray()
            .Last(s => s.GetProperty("open").GetBoolean()).GetProperty("id").GetGuid();
        var held = await organiser.PostAsJsonAsync($"/api/v1/teams/{team.GetProperty("id").GetGuid()}/collection-points", Point(slot, district));
        var pointId = (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var booked = await member.PostAsJsonAsync($"/api/v1/teams/collection-points/{pointId}/pickups", Bags(2));
        var reference = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;

        var deleted = await Forms.PostAsync(organiserPages, "/Account/Delete", new Dictionary<string, string> { ["Password"] = "a long enough secret" });
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var pickup = await PickupAsync(reference);
        pickup.Status.ShouldBe(PickupStatus.Cancelled);
        pickup.Address.Street.ShouldBe("");
        pickup.Address.Phone.ShouldBe("");
        await using var scope = app.Services.CreateAsyncScope();
        var point = await scope.ServiceProvider.GetRequiredService<IAppDbContext>().CollectionPoints.AsNoTracking().SingleAsync(p => p.Id == pointId);
        point.CancelledAt.ShouldNotBeNull();
        point.Address.ContactName.ShouldBe("");
    }

    private async Task<Pickup> PickupAsync(string reference)
    {
        var canonical = PickupReference.Normalise(reference);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAppDbContext>().Pickups.AsNoTracking().SingleAsync(p => p.Reference == canonical);
    }

    private static async Task<(Guid City, Guid District)> BeijingAsync(HttpClient client, int districtIndex)
    {
        var beijing = (await client.GetFromJsonAsync<JsonElement>("/api/v1/cities")).EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "beijing");
        return (beijing.GetProperty("id").GetGuid(), beijing.GetProperty("districts")[districtIndex].GetProperty("id").GetGuid());
    }

    private static async Task<HttpResponseMessage> BookAsync(HttpClient client, Guid slot, Guid district, Guid? campaignId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pickups")
        {
            Content = JsonContent.Create(new
            {
                slotId = slot,
                address = new { districtId = district, street = "1 Early Street", contactName = "Demo Donor", phone = "138 0013 8000" },
                categories = new[] { "Clothing" },
                bags = 1,
                weight = "From5To10Kg",
                condition = "Wearable",
                campaignId,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    private static object Campaign(string slug, Guid city, params (string Starts, string Ends)[] windows) => new
    {
        slug,
        nameEn = "Early Birds",
        nameZh = "早鸟",
        storyEn = "Give before work.",
        storyZh = "上班前捐赠。",
        startsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        endsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        goalKg = 500,
        cityIds = new[] { city },
        windows = windows.Select(w => new { starts = w.Starts, ends = w.Ends }).ToArray(),
    };

    private static object Point(Guid slot, Guid district, string street = "Riverside Gardens Clubhouse") => new
    {
        slotId = slot,
        address = new { districtId = district, street, building = "Lobby", contactName = "Organiser Wu", phone = "139 0000 1111", accessNotes = "Tables by the door" },
    };

    private static object Bags(int bags) => new { bags, weight = "From5To10Kg", condition = "Wearable", categories = new[] { "Clothing" } };

    private static async Task ShouldBeRuleAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text[..Math.Min(400, text.Length)]);
        text.ShouldContain(code);
    }
}
