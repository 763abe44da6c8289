namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// Headers that make the pages safe to serve: no inline script, no framing, no MIME
/// sniffing, no full URLs leaked to other sites.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The pages' policy; images may also come from the map tile server (<see cref="MapTiles.ImageSource"/>).</summary>
    public static string ContentSecurityPolicy(string tileSource) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: {tileSource}; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Swagger UI ships inline styles; it serves developers, holds no user data, and still runs no inline script.
    private const string SwaggerContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var pages = ContentSecurityPolicy(app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<MapTiles>>().Value.ImageSource());
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger")
                ? SwaggerContentSecurityPolicy
                : pages;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(self), geolocation=(self), microphone=()";
            await next(context);
        });
    }
}

internal static class NotFoundSetup
{
    /// <summary>
    /// An address no endpoint serves is a 404 (a problem body under /api, the error page elsewhere),
    /// not the sign-in challenge the closed-by-default policy would otherwise give it.
    /// Static files are served by endpoints, so they pass through; so does /swagger when Swagger UI
    /// (a middleware, not an endpoint) is on.
    /// </summary>
    public static IApplicationBuilder UseNotFoundBeforeAuthorization(this IApplicationBuilder app, bool servesSwagger) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && !(servesSwagger && context.Request.Path.StartsWithSegments("/swagger")))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });
}
