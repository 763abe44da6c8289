using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// OpenTelemetry (docs/observability.md). Metrics: the platform's own (<see cref="PlatformMetrics"/>),
/// ASP.NET Core's, outgoing HTTP, Npgsql's and the runtime's. Traces: each request (tagged with the
/// request id the logs and problem responses carry), its EF Core and Npgsql commands, and outgoing calls
/// (e.g. to witnesses). Exported by OTLP when <c>Telemetry:Otlp:Endpoint</c> is set and scraped at
/// /metrics when <c>Telemetry:Prometheus:Enabled</c> is true; with neither, nothing is collected.
/// </summary>
internal static class TelemetrySetup
{
    public const string OtlpEndpointKey = "Telemetry:Otlp:Endpoint";
    public const string PrometheusKey = "Telemetry:Prometheus:Enabled";
    public const string ServiceName = "recycleplatform";

    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration[OtlpEndpointKey] is { Length: > 0 } endpoint
            ? Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new InvalidOperationException($"{OtlpEndpointKey} must be an absolute http(s) URL, e.g. http://otel-collector:4317.")
            : null;
        var prometheus = configuration.GetValue<bool>(PrometheusKey);
        if (otlp is null && !prometheus)
        {
            return services;
        }
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(PlatformMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql");
            if (prometheus)
            {
                metrics.AddPrometheusExporter();
            }
            if (otlp is not null)
            {
                metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            }
        });
        telemetry.WithTracing(tracing =>
        {
            tracing.AddAspNetCoreInstrumentation(o =>
                {
                    // Probes and scrapes every few seconds would drown the requests people make.
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics");
                    o.EnrichWithHttpRequest = (activity, request) => activity.SetTag("http.request.id", request.HttpContext.TraceIdentifier);
                    o.RecordException = true;
                })
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                // A trace starts only at an incoming request; the jobs' polling (the sequencer looks every
                // 200 ms) would otherwise fill the trace store with lone database spans.
                .SetSampler(new ParentBasedSampler(new RequestsOnly()));
            if (otlp is not null)
            {
                tracing.AddOtlpExporter(o => o.Endpoint = otlp);
            }
        });
        return services;
    }

    private sealed class RequestsOnly : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Kind == System.Diagnostics.ActivityKind.Server ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
    }

    /// <summary>/metrics for Prometheus, when enabled. Keep it internal: the proxy refuses it (deploy/nginx).</summary>
    public static WebApplication MapPlatformTelemetry(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(PrometheusKey))
        {
            app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        }
        return app;
    }
}
