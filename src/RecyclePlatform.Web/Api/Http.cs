using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Api;

/// <summary>ETag and If-Match as the API uses them: the ETag is the resource's version.</summary>
internal static class Http
{
    public static void SetETag(HttpContext http, long version) =>
        http.Response.Headers.ETag = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version a client read (its ETag), or null when it sent no If-Match or `*`.</summary>
    public static long? IfMatch(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }
        throw new ValidationException([new ValidationFailure("If-Match", "If-Match must be an ETag this API returned.")
        {
            ErrorCode = Rules.Concurrency.IfMatchInvalid.Code,
        }]);
    }

    /// <summary>201 with a Location built from a named route (<see cref="RouteNames"/>), as a path like every link the API gives.</summary>
    public static Created<T> CreatedAt<T>(HttpContext http, T value, string routeName, object? values = null) =>
        TypedResults.Created(PathTo(http, routeName, values), value);

    /// <summary>202 with a Location built from a named route: where to follow the work asked for.</summary>
    public static Accepted<T> AcceptedAt<T>(HttpContext http, T value, string routeName, object? values = null) =>
        TypedResults.Accepted(PathTo(http, routeName, values), value);

    public static Accepted AcceptedAt(HttpContext http, string routeName, object? values = null) =>
        TypedResults.Accepted(PathTo(http, routeName, values));

    private static string PathTo(HttpContext http, string routeName, object? values) =>
        http.RequestServices.GetRequiredService<LinkGenerator>().GetPathByName(http, routeName, values)
            ?? throw new InvalidOperationException($"No route named {routeName} takes these values.");

    /// <summary>
    /// A raw upload's bytes, read at most one byte past <paramref name="maxBytes"/> whatever the client claimed;
    /// a larger body is refused with <paramref name="tooLarge"/> before it is all read.
    /// </summary>
    public static async Task<byte[]> ReadBoundedAsync(Stream body, long? declaredLength, int maxBytes, Domain.Common.Rule tooLarge, CancellationToken ct)
    {
        if (declaredLength > maxBytes)
        {
            throw new Domain.Common.DomainRuleException(tooLarge);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new Domain.Common.DomainRuleException(tooLarge);
            }
        }
        return buffer.ToArray();
    }
}
