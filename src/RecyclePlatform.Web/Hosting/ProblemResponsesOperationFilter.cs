using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// Lists on every /api operation the problem responses (RFC 9457, application/problem+json) it can
/// give, read from what the endpoint is: its inputs, its authorization, its method and its rate
/// limit. A response the endpoint declares itself is left as it is.
/// </summary>
/// <remarks>
/// What each status means here, and where it comes from:
/// 400 any input (path, query, header, body): a field the validators refuse, a date not written
///     yyyy-MM-dd, malformed JSON, a NUL character anywhere, an If-Match that is not an ETag of ours;
/// 401 every operation not marked anonymous (the fallback policy asks for a signed-in caller);
/// 403 an operation that asks for a role or policy beyond being signed in;
/// 404 a path parameter naming a resource (an id, a reference, a code, an index): missing, or not the caller's;
/// 409 and 422 every state-changing method: a broken rule's kind (<see cref="Domain.Common.RuleKind"/>)
///     decides between them, and a stale If-Match or a concurrent change is 409 concurrency.conflict
///     (the code answers 409 for that, not 412, and never asks for If-Match, so never 428);
/// 413 an operation that reads its raw body itself, each with its own size limit (the photo, CSV imports);
/// 415 a JSON body in another media type (the framework refuses it), and the photo upload's non-images;
/// 429 a POST under the booking or the account rate limit (<see cref="RateLimitSetup"/>).
/// The account endpoints under /api/v1/auth are ASP.NET Core Identity's: they run no use case, so they
/// answer no rule code (no 404, 409 or 422 from here); sign-in and refresh answer 401 when refused.
/// </remarks>
internal sealed class ProblemResponsesOperationFilter : IOperationFilter
{
    public const string ProblemJson = "application/problem+json";

    private const string AccountPrefix = "api/v1/auth/";

    private static readonly HashSet<string> ResourceNames = new(StringComparer.Ordinal) { "id", "reference", "code", "index" };

    private static readonly HashSet<string> AccountSignIns = new(StringComparer.OrdinalIgnoreCase) { AccountPrefix + "login", AccountPrefix + "refresh" };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        var path = api.RelativePath ?? "";
        if (!path.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var method = api.HttpMethod ?? "";
        var account = path.StartsWith(AccountPrefix, StringComparison.OrdinalIgnoreCase);
        var parameters = operation.Parameters ?? [];
        var readsRawBody = context.MethodInfo?.GetParameters().Any(p => p.ParameterType == typeof(HttpRequest)) == true;
        var takesInput = parameters.Count > 0 || operation.RequestBody is not null || readsRawBody;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var needsRole = metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))
            || metadata.OfType<AuthorizationPolicy>().Any() || metadata.OfType<IAuthorizationRequirementData>().Any();
        var changesState = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
        var namesResource = parameters.Any(p => p.In == ParameterLocation.Path && p.Name is { } name
            && (ResourceNames.Contains(name) || name.EndsWith("Id", StringComparison.Ordinal)));
        var rateLimited = HttpMethods.IsPost(method)
            && metadata.Any(m => m is BookingRateLimitAttribute or AccountRateLimitAttribute);
        var jsonBody = operation.RequestBody?.Content?.Keys.Any(k => k.Contains("json", StringComparison.OrdinalIgnoreCase)) == true;
        var photo = readsRawBody && path.EndsWith("/photo", StringComparison.OrdinalIgnoreCase);

        var responses = operation.Responses ??= [];
        void Add(int status, Type schema, string description)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (responses.ContainsKey(key))
            {
                return;
            }
            responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [ProblemJson] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(schema, context.SchemaRepository) },
                },
            };
        }

        if (takesInput)
        {
            Add(StatusCodes.Status400BadRequest, typeof(ValidationProblemDetails),
                "The input is malformed or invalid: `errors` names each refused field (or header) with what is wrong with it.");
        }
        if (!anonymous)
        {
            Add(StatusCodes.Status401Unauthorized, typeof(ProblemDetails),
                "Not signed in: no bearer token or session cookie, or one that has expired or was revoked.");
        }
        else if (account && AccountSignIns.Contains(path))
        {
            Add(StatusCodes.Status401Unauthorized, typeof(ProblemDetails),
                "The e-mail and password (or the refresh token) were not accepted, or the account is locked out or not confirmed.");
        }
        if (!anonymous && needsRole)
        {
            Add(StatusCodes.Status403Forbidden, typeof(ProblemDetails), "Signed in, but without the role this operation needs.");
        }
        if (!account && namesResource)
        {
            Add(StatusCodes.Status404NotFound, typeof(ProblemDetails),
                "What the path names does not exist, or is not the caller's to see (`resource` says which kind).");
        }
        if (!account && changesState)
        {
            Add(StatusCodes.Status409Conflict, typeof(ProblemDetails),
                "The request conflicts with the current state (rule code in `code`). A change since the caller read the resource, " +
                "such as a stale If-Match, is concurrency.conflict with `currentVersion`.");
        }
        if (readsRawBody)
        {
            Add(StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails), "The body is larger than this operation takes.");
        }
        if (jsonBody || photo)
        {
            Add(StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails), photo
                ? "The body is not a JPEG, PNG or WebP image (code photo.not_an_image)."
                : "The body is not JSON (send Content-Type: application/json).");
        }
        if (!account && changesState)
        {
            Add(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails),
                "The request is well formed but breaks a business rule that no later state would satisfy (rule code in `code`, message in `detail`).");
        }
        if (rateLimited)
        {
            Add(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails),
                "Too many requests from this account or address: try again after the seconds in Retry-After (code rate_limited).");
        }
    }
}
