using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// Turns what a use case throws into an RFC 9457 problem for /api callers. Pages fall
/// through to the error page. Exception text never reaches the client.
/// </summary>
internal sealed class ApiExceptionHandler(
    IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // With an ExceptionHandlingPath the request path already reads /Error here; the feature keeps the original.
        // The feature's path is already decoded: read it as it is (the implicit conversion would decode it
        // again, and "%2500" would become a NUL that throws inside the error handler).
        var path = context.Features.Get<IExceptionHandlerFeature>()?.Path is { } original ? new PathString(original) : context.Request.Path;
        if (!ApiPaths.IsApi(path))
        {
            return false;
        }

        ProblemDetails problem = DatabaseUnavailable(exception) ? new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = localizer["Problem.Unavailable"],
        } : exception switch
        {
            ValidationException validation => new ValidationProblemDetails(validation.Errors
                .GroupBy(e => JsonNames.CamelCase(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => ErrorMessages.For(localizer, e.ErrorCode, e.ErrorMessage)).Distinct().ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = localizer["Problem.Validation"],
            },
            NotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = localizer["Problem.NotFound"],
                Extensions = { ["resource"] = notFound.Resource },
            },
            DomainRuleException rule => new ProblemDetails
            {
                Status = ErrorMessages.StatusFor(rule.Rule),
                Title = localizer["Problem.RuleBroken"],
                Detail = ErrorMessages.For(localizer, rule),
                Extensions = { ["code"] = rule.Code, ["subject"] = rule.Subject },
            },
            StaleVersionException stale => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = localizer["Problem.Conflict"],
                Detail = ErrorMessages.For(localizer, Rules.Concurrency.Conflict),
                Extensions = { ["code"] = Rules.Concurrency.Conflict.Code, ["currentVersion"] = stale.CurrentVersion, ["currentState"] = stale.CurrentState },
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = localizer["Problem.Conflict"],
                Detail = ErrorMessages.For(localizer, Rules.Concurrency.Conflict),
                Extensions = { ["code"] = Rules.Concurrency.Conflict.Code },
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = localizer["Problem.BadRequest"],
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = localizer["Problem.Unexpected"],
            },
        };

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Database unavailable on {Method} {Path}", context.Request.Method, LoggingSetup.LoggedPath(context));
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, LoggingSetup.LoggedPath(context));
        }
        else
        {
            logger.LogWarning("Refused {Method} {Path}: {Reason}", context.Request.Method, LoggingSetup.LoggedPath(context), exception.GetType().Name);
        }

        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// The database cannot be reached (down, restarting, out of connections): a 503 with Retry-After,
    /// because the same request will work in a moment, rather than a 500 that says the request is wrong.
    /// </summary>
    public static bool DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException)
            {
                return true;
            }
        }
        return false;
    }
}

internal static class ApiPaths
{
    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");

}

internal static class JsonNames
{
    /// <summary>
    /// FluentValidation names properties as in C# (Address.Street); JSON clients see address.street.
    /// Header names (Idempotency-Key) are left as they are.
    /// </summary>
    public static string CamelCase(string propertyPath) =>
        propertyPath.Contains('-', StringComparison.Ordinal)
            ? propertyPath
            : string.Join('.', propertyPath.Split('.').Select(part =>
                part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

}
