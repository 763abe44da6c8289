using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Api;

public sealed class CourierApiTests(RecycleWebFactory factory) : IClassFixture<RecycleWebFactory>
{
    private static readonly string[] StrangerLabel = ["ZZZZZZZZ0-01"];

    private static HttpRequestMessage Event(string reference, object body, string? key, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pickups/{reference}/events") { Content = JsonContent.Create(body) };
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

    [Fact]
    public async Task Courier_RunsAStop_ThroughTheApi_AndTheDonorSeesProgress()
    {
        var (references, day) = await DemoData.AssignedStopsForDemoCourierAsync(factory, 1, districtIndex: 2);
        var reference = references[0];
        var courier = await DemoData.ApiClientAsync(factory, Roles.Courier);
        var consumer = await DemoData.ApiClientAsync(factory, Roles.Consumer);

        var stops = await courier.GetFromJsonAsync<JsonElement>($"/api/v1/courier/stops?date={day}");
        var stop = stops.GetProperty("stops").EnumerateArray().Single(s => s.GetProperty("reference").GetString() == reference);
        var noKey = await courier.SendAsync(Event(reference, new { type = "EnRoute" }, null));
        var enRoute = await courier.SendAsync(Event(reference, new { type = "EnRoute", latitude = 39.93, longitude = 116.41 }, "k1", $"\"{stop.GetProperty("version").GetInt64()}\""));
        var stale = await courier.SendAsync(Event(reference, new { type = "Failed", reason = "NobodyHome" }, "k2", "\"1\""));
        var labels = stop.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToArray();
        var picked = await courier.SendAsync(Event(reference, new { type = "PickedUp", labels, bags = 2, bagWeightsKg = new[] { 5.1, 3.3 } }, "k3", enRoute.Headers.ETag!.Tag));
        var donorView = await consumer.GetFromJsonAsync<JsonElement>($"/api/v1/pickups/{reference}");

        noKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        enRoute.StatusCode.ShouldBe(HttpStatusCode.OK);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var conflict = await stale.Content.ReadFromJsonAsync<JsonElement>();
        conflict.GetProperty("currentState").GetString().ShouldBe("EnRoute");
        conflict.GetProperty("currentVersion").GetInt64().ShouldBeGreaterThan(1);
        picked.StatusCode.ShouldBe(HttpStatusCode.OK);
        donorView.GetProperty("status").GetString().ShouldBe("PickedUp");
        donorView.GetProperty("collectedKg").GetDecimal().ShouldBe(8.4m);
        donorView.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("to").GetString()).ShouldBe(["Booked", "Assigned", "EnRoute", "PickedUp"]);
        donorView.GetRawText().ShouldNotContain("Demo Courier");
    }

    [Fact]
    public async Task BadDoorReports_AreRefusedWithCodes_AndNothingIsSaved()
    {
        var (references, _) = await DemoData.AssignedStopsForDemoCourierAsync(factory, 2, districtIndex: 3);
        var reference = references[0];
        var courier = await DemoData.ApiClientAsync(factory, Roles.Courier);
        await courier.SendAsync(Event(reference, new { type = "EnRoute" }, "go"));
        string[] othersLabel = [$"{references[1].Replace("-", "", StringComparison.Ordinal)}-01"];
        var neighbours = await courier.SendAsync(Event(reference, new { type = "PickedUp", labels = othersLabel, bags = 1, weightKg = 2 }, "n"));
        var huge = await courier.SendAsync(Event(reference, new { type = "PickedUp", labels = new[] { new string('A', 10_000_000) }, bags = 1, weightKg = 2 }, "h"));

        var strangerLabel = await courier.SendAsync(Event(reference, new { type = "PickedUp", labels = StrangerLabel, bags = 1, weightKg = 2 }, "a"));
        var crazyWeight = await courier.SendAsync(Event(reference, new { type = "PickedUp", labels = Array.Empty<string>(), bags = 1, weightKg = 900 }, "b"));
        var mismatch = await courier.SendAsync(Event(reference, new { type = "PickedUp", labels = Array.Empty<string>(), bags = 2, weightKg = 5 }, "c"));
        var otherWithoutNote = await courier.SendAsync(Event(reference, new { type = "Failed", reason = "Other" }, "d"));
        var weightsDisagree = await courier.SendAsync(Event(reference, new { type = "PickedUp", bags = 2, weightKg = 9, bagWeightsKg = new[] { 3.0, 4.0 }, note = "x" }, "e"));
        var weightsMissingABag = await courier.SendAsync(Event(reference, new { type = "PickedUp", bags = 2, bagWeightsKg = new[] { 3.0 }, note = "x" }, "f"));

        // A made-up label is named and called what it is (not "another pickup's")
        var stranger = await strangerLabel.Content.ReadFromJsonAsync<JsonElement>();
        stranger.GetProperty("code").GetString().ShouldBe("pickup.label_unknown");
        stranger.GetProperty("subject").GetString().ShouldBe(StrangerLabel[0]);
        stranger.GetProperty("detail").GetString().ShouldBe($"There is no label {StrangerLabel[0]}: check the code printed on the bag.");
        var neighbour = await neighbours.Content.ReadFromJsonAsync<JsonElement>();
        neighbour.GetProperty("code").GetString().ShouldBe("pickup.label_not_ours");
        neighbour.GetProperty("detail").GetString()!.ShouldStartWith($"Label {othersLabel[0]} belongs to another pickup");
        huge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        strangerLabel.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        crazyWeight.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await crazyWeight.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("weightKg")[0].GetString().ShouldBe("Enter a weight between 0.1 and 500 kg.");
        (await mismatch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("pickup.bag_count_mismatch");
        (await otherWithoutNote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("pickup.failure_note_required");
        (await weightsDisagree.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("weightKg", out _).ShouldBeTrue();
        (await weightsMissingABag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("bagWeightsKg", out _).ShouldBeTrue();
        var consumer = await DemoData.ApiClientAsync(factory, Roles.Consumer);
        (await consumer.GetFromJsonAsync<JsonElement>($"/api/v1/pickups/{reference}")).GetProperty("status").GetString().ShouldBe("EnRoute");
    }

    [Fact]
    public async Task DoorPhoto_MustBeASmallImage_AndItsHashGoesWithThePickup()
    {
        var (references, _) = await DemoData.AssignedStopsForDemoCourierAsync(factory, 1, districtIndex: 1);
        var reference = references[0];
        var courier = await DemoData.ApiClientAsync(factory, Roles.Courier);
        await courier.SendAsync(Event(reference, new { type = "EnRoute" }, "photo-go"));

        var pdf = await courier.PutAsync($"/api/v1/pickups/{reference}/photo", new ByteArrayContent("%PDF-1.7"u8.ToArray()));
        var huge = await courier.PutAsync($"/api/v1/pickups/{reference}/photo", new ByteArrayContent([.. DemoData.TinyPng, .. new byte[6 * 1024 * 1024]]));
        var png = await courier.PutAsync($"/api/v1/pickups/{reference}/photo", new ByteArrayContent(DemoData.TinyPng));
        var sha = (await png.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sha256").GetString()!;
        var unknown = await courier.SendAsync(Event(reference, new { type = "PickedUp", labels = Array.Empty<string>(), bags = 1, weightKg = 3, note = "labels torn", photoSha256 = new string('b', 64) }, "p1"));
        var picked = await courier.SendAsync(Event(reference, new { type = "PickedUp", labels = Array.Empty<string>(), bags = 1, weightKg = 3, note = "labels torn", photoSha256 = sha }, "p2"));

        pdf.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await pdf.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("photo.not_an_image");
        huge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        png.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("photo.not_uploaded");
        picked.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RecyclePlatform.Application.Common.IAppDbContext>();
        var canonical = reference.Replace("-", "", StringComparison.Ordinal);
        var pickup = await db.Pickups.SingleAsync(p => p.Reference == canonical);
        pickup.Collection!.PhotoSha256.ShouldBe(sha);
        // The hash is the stored photo's: decoded and encoded again, without the upload's metadata.
        var stored = await db.PickupPhotos.SingleAsync(p => p.PickupId == pickup.Id);
        sha.ShouldBe(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stored.Content)).ToLowerInvariant());
    }

    [Fact]
    public async Task AStop_TakesAtMostFivePhotos()
    {
        var (references, _) = await DemoData.AssignedStopsForDemoCourierAsync(factory, 1, districtIndex: 2);
        var courier = await DemoData.ApiClientAsync(factory, Roles.Courier);
        await courier.SendAsync(Event(references[0], new { type = "EnRoute" }, "photos-go"));

        var statuses = new List<HttpStatusCode>();
        for (byte i = 0; i < 6; i++)
        {
            statuses.Add((await courier.PutAsync($"/api/v1/pickups/{references[0]}/photo", new ByteArrayContent(Png(i)))).StatusCode);
        }
        var again = await courier.PutAsync($"/api/v1/pickups/{references[0]}/photo", new ByteArrayContent(Png(0)));

        statuses.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.UnprocessableEntity]);
        again.StatusCode.ShouldBe(HttpStatusCode.OK); // the same photo again is the one already kept
    }

    private static byte[] Png(byte shade)
    {
        using var bitmap = new SkiaSharp.SKBitmap(8, 8);
        bitmap.Erase(new SkiaSharp.SKColor((byte)(40 * shade), 100, 50));
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
    }

    [Fact]
    public async Task OnlyTheAssignedCourier_CanReportOnAStop()
    {
        var (references, _) = await DemoData.AssignedStopsForDemoCourierAsync(factory, 1, districtIndex: 4);
        var consumer = await DemoData.ApiClientAsync(factory, Roles.Consumer);
        var hub = await DemoData.ApiClientAsync(factory, Roles.HubOperator);

        (await consumer.SendAsync(Event(references[0], new { type = "EnRoute" }, "x"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await hub.SendAsync(Event(references[0], new { type = "EnRoute" }, "x"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await DemoData.ApiClientAsync(factory, Roles.Courier)).SendAsync(Event("ABCD-EFGH-J", new { type = "EnRoute" }, "x"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
