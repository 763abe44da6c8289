using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>The dispatcher's API over HTTP: scoping, a run from 202 to done, a manual move with warnings, field errors and an import's 422.</summary>
public sealed class DispatchApiTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    private static string Tomorrow => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime)
        .AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(HttpClient Client, Guid Shanghai, Guid Guangzhou)> DispatcherAsync()
    {
        var client = await DemoData.ApiClientAsync(app, Roles.Dispatcher);
        var cities = await client.GetFromJsonAsync<JsonElement>("/api/v1/cities");
        Guid Id(string slug) => cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == slug).GetProperty("id").GetGuid();
        return (client, Id("shanghai"), Id("guangzhou"));
    }

    [Fact]
    public async Task ADispatcherOptimisesTheirCitysDay_AndMovesAStopByHand()
    {
        var (client, shanghai, guangzhou) = await DispatcherAsync();

        // Another city's board is not found.
        var other = await client.GetAsync($"/api/v1/dispatch/cities/{guangzhou}/days/{Tomorrow}/board");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);

        var started = await client.PostAsync($"/api/v1/dispatch/cities/{shanghai}/days/{Tomorrow}/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runUrl = started.Headers.Location!.ToString();
        var again = await client.PostAsync($"/api/v1/dispatch/cities/{shanghai}/days/{Tomorrow}/runs", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        JsonElement run;
        do
        {
            await Task.Delay(250);
            run = await client.GetFromJsonAsync<JsonElement>(runUrl);
        }
        while (run.GetProperty("status").GetString() is "Queued" or "Running");
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(12, run.GetProperty("served").GetInt32() + run.GetProperty("unserved").GetInt32());

        var board = await client.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/cities/{shanghai}/days/{Tomorrow}/board");
        var routes = board.GetProperty("routes").EnumerateArray().ToList();
        var from = routes.First(r => r.GetProperty("stops").GetArrayLength() > 0);
        var to = routes.First(r => r.GetProperty("shiftId").GetGuid() != from.GetProperty("shiftId").GetGuid());
        var reference = from.GetProperty("stops")[0].GetProperty("reference").GetString();

        var moved = await client.PostAsJsonAsync($"/api/v1/dispatch/pickups/{reference}/move", new { shiftId = to.GetProperty("shiftId").GetGuid(), position = 1 });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var result = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, result.GetProperty("position").GetInt32());
        Assert.Equal(JsonValueKind.Array, result.GetProperty("warnings").ValueKind);
        board = await client.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/cities/{shanghai}/days/{Tomorrow}/board");
        var target = board.GetProperty("routes").EnumerateArray().Single(r => r.GetProperty("shiftId").GetGuid() == to.GetProperty("shiftId").GetGuid());
        Assert.Equal(reference, target.GetProperty("stops")[0].GetProperty("reference").GetString());
    }

    [Fact]
    public async Task BadInput_GetsProblemsByField()
    {
        var (client, shanghai, _) = await DispatcherAsync();
        var board = await client.GetFromJsonAsync<JsonElement>($"/api/v1/dispatch/cities/{shanghai}/days/{Tomorrow}/board");
        var courier = board.GetProperty("couriers")[0].GetProperty("id").GetGuid();
        var hub = board.GetProperty("hubs")[0].GetProperty("id").GetGuid();

        var zero = await client.PostAsJsonAsync("/api/v1/dispatch/shifts", new
        {
            courierId = courier, date = Tomorrow, startTime = "20:00", endTime = "21:00", startHubId = hub, capacityBags = 0, capacityKg = 100,
        });
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        var problem = await zero.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("capacityBags", out _));

        // The demo shifts run 08–17 or 12–21: another from 16:00 overlaps.
        var overlap = await client.PostAsJsonAsync("/api/v1/dispatch/shifts", new
        {
            courierId = courier, date = Tomorrow, startTime = "16:00", endTime = "22:00", startHubId = hub, capacityBags = 10, capacityKg = 100,
        });
        Assert.Equal(HttpStatusCode.BadRequest, overlap.StatusCode);
        Assert.True((await overlap.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("startTime", out _));

        var csv = new StringContent("date,window_start,district,street,contact_name,phone,bags,weight_band\n2020-01-01,09:00,pudong,1 Road,V,138 0013 8000,2,5-10\n",
            Encoding.UTF8, "text/csv");
        var import = await client.PostAsync($"/api/v1/dispatch/cities/{shanghai}/import/pickups", csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, import.StatusCode);
        var rows = (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
        Assert.Equal(2, rows[0].GetProperty("line").GetInt32());
        Assert.False(string.IsNullOrEmpty(rows[0].GetProperty("message").GetString()));
    }

    [Fact]
    public async Task OnlyDispatchersAndAdministrators_ReachTheDispatchApi()
    {
        var courier = await DemoData.ApiClientAsync(app, Roles.Courier);
        var (_, shanghai, _) = await DispatcherAsync();

        var response = await courier.GetAsync($"/api/v1/dispatch/cities/{shanghai}/days/{Tomorrow}/board");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
