using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace RecyclePlatform.FunctionalTests.Operations;

/// <summary>The app with its Prometheus endpoint on, and every finished span also kept in memory for the test to read.</summary>
public sealed class ObservedWebFactory : RecycleWebFactory
{
    public List<Activity> Spans { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Telemetry:Prometheus:Enabled", "true");
        // The app's own tracer provider and instrumentation; only the exporter is the test's.
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }
}

public sealed class TelemetryTests(ObservedWebFactory app) : IClassFixture<ObservedWebFactory>
{
    [Fact]
    public async Task ARequest_IsTracedWithItsRequestId_DownToItsDatabaseCommands()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/ledger/entries?limit=3");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        Activity? server = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            lock (app.Spans)
            {
                server = app.Spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("http.request.id") == requestId);
            }
        }

        server.ShouldNotBeNull();
        server.GetTagItem("http.route").ShouldBe("/api/v1/ledger/entries");
        List<Activity> database;
        lock (app.Spans)
        {
            database = [.. app.Spans.Where(s => s.TraceId == server.TraceId && s.Kind == ActivityKind.Client)];
        }
        database.ShouldNotBeEmpty();
        database.ShouldContain(s => s.Source.Name.Contains("Npgsql") || s.Source.Name.Contains("EntityFrameworkCore"));
        // The background jobs query all the time (the sequencer every 50 ms here), but a trace starts only at a request.
        lock (app.Spans)
        {
            app.Spans.Where(s => s.ParentSpanId == default).ShouldAllBe(s => s.Kind == ActivityKind.Server);
        }
    }

    [Fact]
    public async Task PrometheusScrapes_ThePlatformsOwnMetrics_AndHttpTimings()
    {
        await DemoData.AssignedStopsForDemoCourierAsync(app, 1, 0);
        await DemoData.LedgerSettledAsync(app);
        var client = app.CreateClient();
        string text = "";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            await Task.Delay(500);
            text = await client.GetStringAsync("/metrics");
        }
        while (!text.Contains("recycleplatform_job_runs_total") && DateTime.UtcNow < deadline);

        text.ShouldContain("recycleplatform_bookings_total");
        text.ShouldContain("recycleplatform_job_runs_total{");
        text.ShouldContain("job_name=\"ledger-sequencer\"");
        text.ShouldContain("recycleplatform_ledger_entries");
        text.ShouldContain("recycleplatform_ledger_sequencer_lag_seconds");
        text.ShouldContain("http_server_request_duration_seconds_bucket");
        // No personal data in labels: only controlled lists (routes, policies, jobs).
        text.ShouldNotContain("@demo.test");
    }
}
