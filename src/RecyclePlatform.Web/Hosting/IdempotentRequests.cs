using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// Idempotency-Key for the API's creating POSTs (lots, shifts, couriers, hubs, districts, runs,
/// imports, corrections, programmes): the request runs in one transaction with the record of its
/// answer, so a retry after a lost answer gets the first answer again (status, Location, ETag and
/// body) instead of making a twin, and the same key with another body is refused (422
/// idempotency.key_reused). Retries racing each other take turns on an advisory lock. Bookings,
/// courier events and distributions keep their own, finer handling in their use cases.
/// </summary>
internal static class IdempotentRequests
{
    private const string Header = "Idempotency-Key";

    /// <summary>Keeps the body of a keyed API POST readable after model binding, so it can be hashed.</summary>
    public static IApplicationBuilder UseIdempotencyKeyBuffering(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(Header) && ApiPaths.IsApi(context.Request))
            {
                context.Request.EnableBuffering();
            }
            return next(context);
        });

    public static TBuilder Idempotent<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(FilterAsync).WithMetadata(new IdempotentRequestAttribute());

    private static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var userId = Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        if (!http.Request.Headers.TryGetValue(Header, out var header) || userId is null)
        {
            return await next(invocation);
        }
        var operation = $"POST {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText}";
        var key = IdempotencyKey.From(userId.Value, operation.Length > IdempotencyRecord.MaxOperationLength ? operation[..IdempotencyRecord.MaxOperationLength] : operation, header.ToString(),
            await RequestHashAsync(http));
        if (key is null)
        {
            return await next(invocation);
        }
        var db = http.RequestServices.GetRequiredService<IAppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        await http.RequestServices.GetRequiredService<IAdvisoryLocks>().LockForTransactionAsync(key.LockId, http.RequestAborted);
        if (await key.EarlierRecordAsync(db, http.RequestAborted) is { } earlier)
        {
            return Replay(http, JsonSerializer.Deserialize<StoredResponse>(
                earlier.Response ?? throw new DomainRuleException(Rules.Idempotency.KeyReused))!);
        }

        var result = await next(invocation);
        var (status, value) = Outcome(result);
        if (status is >= 200 and < 300)
        {
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var stored = new StoredResponse(status,
                value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json),
                LocationOf(result),
                http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null);
            key.Remember(db, Guid.Empty, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), JsonSerializer.Serialize(stored));
            await db.SaveChangesAsync(http.RequestAborted);
        }
        // A refusal is not remembered (the client may fix the body and retry), but whatever the handler saved stays saved.
        await transaction.CommitAsync(http.RequestAborted);
        return result;
    }

    /// <summary>The status and body value of a handler's result, looking inside Results&lt;…&gt; unions; a bare value is a 200.</summary>
    private static (int Status, object? Value) Outcome(object? result) => result switch
    {
        INestedHttpResult nested => Outcome(nested.Result),
        IStatusCodeHttpResult coded => (coded.StatusCode ?? StatusCodes.Status200OK, (result as IValueHttpResult)?.Value),
        IResult => (StatusCodes.Status200OK, (result as IValueHttpResult)?.Value),
        _ => (StatusCodes.Status200OK, result),
    };

    /// <summary>SHA-256 over the route values and the body bytes, as the client sent them.</summary>
    private static async Task<object> RequestHashAsync(HttpContext http)
    {
        var body = SHA256.HashData([]);
        if (http.Request.Body.CanSeek)
        {
            http.Request.Body.Position = 0;
            body = await SHA256.HashDataAsync(http.Request.Body, http.RequestAborted);
            http.Request.Body.Position = 0; // a handler that reads the body itself (CSV imports) reads it from the start
        }
        var route = string.Join('&', http.Request.RouteValues.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
        return new { route, body = Convert.ToHexString(body) };
    }

    // Created<T>, Accepted<T> and their kin each carry their own Location property.
    private static string? LocationOf(object? result) => result switch
    {
        INestedHttpResult nested => LocationOf(nested.Result),
        null => null,
        _ => result.GetType().GetProperty("Location")?.GetValue(result) as string,
    };

    private static IResult Replay(HttpContext http, StoredResponse stored)
    {
        if (stored.Location is not null)
        {
            http.Response.Headers.Location = stored.Location;
        }
        if (stored.ETag is not null)
        {
            http.Response.Headers.ETag = stored.ETag;
        }
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return stored.Body is null
            ? Results.StatusCode(stored.Status)
            : Results.Content(stored.Body, "application/json; charset=utf-8", statusCode: stored.Status);
    }

    private sealed record StoredResponse(int Status, string? Body, string? Location, string? ETag);
}

/// <summary>Marks an endpoint that honours an Idempotency-Key through <see cref="IdempotentRequests"/>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class IdempotentRequestAttribute : Attribute;
