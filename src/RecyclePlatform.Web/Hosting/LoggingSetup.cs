using Serilog;
using Serilog.Context;
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
