using Npgsql;

// The raw baseline (see the project file). Settings: ConnectionStrings__Default, --urls.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connection = new NpgsqlConnectionStringBuilder(builder.Configuration["ConnectionStrings:Default"])
{
    MaxAutoPrepare = 50,
    AutoPrepareMinUsages = 2,
    NoResetOnClose = true,
};
await using var data = NpgsqlDataSource.Create(connection.ConnectionString);
var app = builder.Build();
var raw = new RawQueries(data);
var booking = new RawBooking(data);

app.MapGet("/api/v1/cities", async (CancellationToken ct) => Results.Json(await raw.CitiesAsync(ct)));
app.MapGet("/api/v1/slots", async (Guid districtId, CancellationToken ct) =>
    await raw.SlotsAsync(districtId, DateTimeOffset.UtcNow, ct) is { } list ? Results.Json(list) : Results.NotFound());
app.MapPost("/api/v1/pickups", booking.BookAsync);
app.MapGet("/health", () => "ok");
await app.RunAsync();
