using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
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
}
