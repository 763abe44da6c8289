using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>Every creating POST of the API answers a retried Idempotency-Key with its first answer and makes nothing twice.</summary>
public sealed class IdempotencyTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    private async Task<(HttpClient Client, Guid City)> DispatcherAsync()
    {
        var client = await DemoData.ApiClientAsync(app, Roles.Dispatcher);
        var cities = await client.GetFromJsonAsync<JsonElement>("/api/v1/cities");
        return (client, cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "shanghai").GetProperty("id").GetGuid());
    }

    private static HttpRequestMessage Keyed(string path, HttpContent content, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task RetriesRacingEachOther_MakeOneHub_AndAllGetTheFirstAnswer()
    {
        var (client, city) = await DispatcherAsync();
        var name = $"Retry hub {Guid.NewGuid():N}"[..30];
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request() => Keyed($"/api/v1/dispatch/cities/{city}/hubs",
            JsonContent.Create(new { nameEn = name, nameZh = "重试枢纽", address = "1 Retry Road", latitude = 31.2, longitude = 121.5 }), key);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SendAsync(Request())));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created);
        bodies.Distinct().ShouldHaveSingleItem();
        answers.Select(a => a.Headers.Location?.ToString()).Distinct().ShouldHaveSingleItem();
        answers.Count(a => a.Headers.Contains("Idempotent-Replayed")).ShouldBe(3);
        var places = await client.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/cities/{city}/places");
        places.GetProperty("hubs").EnumerateArray().Count(h => h.GetProperty("name").GetProperty("en").GetString() == name).ShouldBe(1);
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBody_IsRefused_AndARefusalIsNotRemembered()
    {
        var (client, city) = await DispatcherAsync();
        var key = Guid.NewGuid().ToString();
        var path = $"/api/v1/dispatch/cities/{city}/districts";
        var slug = $"retry-{Guid.NewGuid():N}"[..20];

        var invalid = await client.SendAsync(Keyed(path, JsonContent.Create(new { slug, nameEn = "", nameZh = "", latitude = 31.2, longitude = 121.5 }), key));
        var first = await client.SendAsync(Keyed(path, JsonContent.Create(new { slug, nameEn = "Retry", nameZh = "重试", latitude = 31.2, longitude = 121.5 }), key));
        var other = await client.SendAsync(Keyed(path, JsonContent.Create(new { slug = slug + "x", nameEn = "Retry", nameZh = "重试", latitude = 31.2, longitude = 121.5 }), key));

        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("idempotency.key_reused");
    }

    [Fact]
    public async Task ARetriedCsvImport_ImportsOnce()
    {
        var (client, city) = await DispatcherAsync();
        var places = await client.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/cities/{city}/places");
        var hub = places.GetProperty("hubs")[0].GetProperty("name").GetProperty("en").GetString();
        var email = $"imported.{Guid.NewGuid():N}@example.org";
        var name = $"Imported {Guid.NewGuid():N}"[..20];
        var key = Guid.NewGuid().ToString();
        HttpContent Csv() => new StringContent($"email,name,hub\n{email},{name},\"{hub}\"\n", Encoding.UTF8, "text/csv");

        var first = await client.SendAsync(Keyed($"/api/v1/dispatch/cities/{city}/import/couriers", Csv(), key));
        var retry = await client.SendAsync(Keyed($"/api/v1/dispatch/cities/{city}/import/couriers", Csv(), key));

        first.IsSuccessStatusCode.ShouldBeTrue(await first.Content.ReadAsStringAsync());
        retry.StatusCode.ShouldBe(first.StatusCode);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        var couriers = await client.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/cities/{city}/couriers");
        couriers.EnumerateArray().Count(c => c.GetRawText().Contains(name, StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task EveryCreatingPost_HonoursAnIdempotencyKey()
    {
        // Bookings, courier events and distributions keep the key in their use cases (and their own tests);
        // the rest of the creating POSTs go through the shared filter.
        string[] creating =
        [
            "/api/v1/dispatch/shifts", "/api/v1/dispatch/shifts/{shiftId:guid}/drop-out", "/api/v1/dispatch/cities/{cityId:guid}/couriers",
            "/api/v1/dispatch/cities/{cityId:guid}/hubs", "/api/v1/dispatch/cities/{cityId:guid}/districts",
            "/api/v1/dispatch/cities/{cityId:guid}/days/{day}/runs", "/api/v1/dispatch/cities/{cityId:guid}/import/pickups",
            "/api/v1/dispatch/cities/{cityId:guid}/import/couriers", "/api/v1/ledger/corrections", "/api/v1/hub/lots", "/api/v1/partner/programmes",
        ];
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .ToDictionary(e => e.RoutePattern.RawText!, e => e);

        foreach (var path in creating)
        {
            endpoints.ShouldContainKey(path);
            endpoints[path].Metadata.Any(m => m.GetType().Name == "IdempotentRequestAttribute").ShouldBeTrue(path);
        }
    }
}
