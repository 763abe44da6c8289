using Serilog;
using Serilog.Context;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace RecyclePlatform.Web.Hosting;

internal static class LoggingSetup
{
    public const string FormatKey = "Serilog:Format";

    /// <summary>
    /// Serilog with levels from the `Serilog` section. Serilog:Format picks readable console
    /// lines ("text", the Development default) or one JSON object per line ("json") for a log shipper.
    /// </summary>
    public static void AddLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[FormatKey] ?? (builder.Environment.IsDevelopment() ? "text" : "json");
        if (format is not ("text" or "json"))
        {
            throw new InvalidOperationException($"{FormatKey} is '{format}'; use 'text' or 'json'.");
        }
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
            if (format == "json")
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {RequestId}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        }, preserveStaticLogger: true);
    }

    /// <summary>
    /// Every log line of a request carries its request id, and the response hands it back in
    /// X-Request-Id so that a user's report can be matched with the logs.
    /// </summary>
    /// <summary>
    /// What logs say of a request's path: its route template (<c>/api/v1/pickups/{reference}/events</c>),
    /// or, for a path no endpoint matched, only its first segment, since the rest is whatever was typed.
    /// </summary>
    public static string LoggedPath(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template })
        {
            return "/" + template.TrimStart('/');
        }
        var path = context.Request.Path.Value ?? "/";
        var second = path.IndexOf('/', 1);
        return second < 0 ? (path.Length > 40 ? path[..40] + "…" : path) : path[..second] + "/…";
    }

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            using (LogContext.PushProperty("RequestId", context.TraceIdentifier))
            {
                await next(context);
            }
        });

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // The route, not the raw path: a path holds pickup references and receipt codes, which beside the
            // UserId would pair a person with their donation in an append-only log.
            options.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(LoggedPath(context))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("RequestId", context.TraceIdentifier);
                var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
                if (userId is not null)
                {
                    diagnostics.Set("UserId", userId);
                }
            };
        });
}
