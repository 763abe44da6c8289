using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>
/// The OpenAPI document tells clients the errors each operation can answer and the enum values the API
/// really sends and reads. Which statuses an operation needs is worked out here from the app's own
/// endpoints (their methods, authorization and rate limits), not from the document under test.
/// </summary>
public sealed partial class OpenApiProblemsTests(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    private const string ProblemJson = "application/problem+json";

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;

    private sealed record ApiEndpoint(string Method, string Path, EndpointMetadataCollection Metadata)
    {
        public bool Authorized => Metadata.GetMetadata<IAllowAnonymous>() is null;

        public bool NeedsRole => Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles));

        /// <summary>Identity's account endpoints (and logout) run no use case and answer no rule code.</summary>
        public bool Account => Path.StartsWith("/api/v1/auth/", StringComparison.Ordinal);

        public bool ChangesState => Method is "POST" or "PUT" or "PATCH" or "DELETE";

        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>
    /// Every documented /api/v1 operation of the running app, its path written as the document writes it:
    /// no route constraints, no trailing slash (a group's MapPost("") ends in one).
    /// </summary>
    private IReadOnlyList<ApiEndpoint> Endpoints() =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method =>
                new ApiEndpoint(method, RouteConstraint().Replace(e.RoutePattern.RawText!, "{$1}").TrimEnd('/'), e.Metadata))),
    ];

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex RouteConstraint();

    private static JsonNode Operation(JsonNode document, ApiEndpoint endpoint) =>
        document["paths"]?[endpoint.Path]?[endpoint.Method.ToLowerInvariant()]
        ?? throw new ShouldAssertException($"{endpoint} is not in the OpenAPI document.");

    private static bool TakesInput(JsonNode operation) =>
        operation["parameters"]?.AsArray().Count > 0 || operation["requestBody"] is not null;

    /// <summary>The response is there and is a problem document: application/problem+json with a ProblemDetails schema.</summary>
    private static void ShouldListProblem(JsonNode operation, string status, ApiEndpoint endpoint)
    {
        var response = operation["responses"]?[status];
        response.ShouldNotBeNull($"{endpoint} does not list {status}.");
        var schema = response["content"]?[ProblemJson]?["schema"];
        schema.ShouldNotBeNull($"{endpoint} lists {status} without {ProblemJson}.");
        ((string?)schema["$ref"]).ShouldNotBeNull($"{endpoint} {status}").ShouldEndWith("ProblemDetails", Case.Sensitive, $"{endpoint} {status}");
        ((string?)response["description"]).ShouldNotBeNullOrWhiteSpace($"{endpoint} {status}");
    }

    private static bool Lists(JsonNode operation, string status) => operation["responses"]?[status] is not null;

    [Fact]
    public async Task EveryOperation_ListsTheProblemsItsInputAuthorizationAndMethodCanGive()
    {
        var document = await DocumentAsync();
        var endpoints = Endpoints();
        endpoints.Count.ShouldBeGreaterThan(40);

        foreach (var endpoint in endpoints)
        {
            var operation = Operation(document, endpoint);
            if (TakesInput(operation))
            {
                ShouldListProblem(operation, "400", endpoint);
            }
            if (endpoint.Authorized)
            {
                ShouldListProblem(operation, "401", endpoint);
                if (endpoint.NeedsRole)
                {
                    ShouldListProblem(operation, "403", endpoint);
                }
                else
                {
                    Lists(operation, "403").ShouldBeFalse($"{endpoint} needs no role, yet lists 403.");
                }
            }
            if (endpoint.ChangesState && !endpoint.Account)
            {
                ShouldListProblem(operation, "409", endpoint);
                ShouldListProblem(operation, "422", endpoint);
            }
            else
            {
                Lists(operation, "409").ShouldBeFalse($"{endpoint} changes nothing a rule guards, yet lists 409.");
            }
        }
    }

    [Fact]
    public async Task TheOperationsThatAreSpecial_ListTheirOwnProblems()
    {
        var document = await DocumentAsync();
        var endpoints = Endpoints().ToDictionary(e => e.ToString());
        JsonNode Of(string key) => Operation(document, endpoints[key]);

        // Booking and signing in are rate limited (RateLimitSetup).
        ShouldListProblem(Of("POST /api/v1/pickups"), "429", endpoints["POST /api/v1/pickups"]);
        ShouldListProblem(Of("POST /api/v1/auth/login"), "429", endpoints["POST /api/v1/auth/login"]);
        Lists(Of("GET /api/v1/pickups"), "429").ShouldBeFalse();
        // A refused sign-in is a 401 though the endpoint is open to all.
        ShouldListProblem(Of("POST /api/v1/auth/login"), "401", endpoints["POST /api/v1/auth/login"]);
        // A reference in the path names something that may not be there (or not be the caller's).
        ShouldListProblem(Of("GET /api/v1/pickups/{reference}"), "404", endpoints["GET /api/v1/pickups/{reference}"]);
        Lists(Of("GET /api/v1/cities"), "404").ShouldBeFalse();
        // The photo upload has a size limit and takes only images.
        var photo = endpoints["PUT /api/v1/pickups/{reference}/photo"];
        ShouldListProblem(Of(photo.ToString()), "413", photo);
        ShouldListProblem(Of(photo.ToString()), "415", photo);
        // 400 with the fields refused.
        var book = Of("POST /api/v1/pickups");
        ((string)book["responses"]!["400"]!["content"]![ProblemJson]!["schema"]!["$ref"]!).ShouldEndWith("ValidationProblemDetails");
        // A stale If-Match is documented as what the code answers: 409 concurrency.conflict.
        ((string)Of("PUT /api/v1/partner/programmes/{id}")["responses"]!["409"]!["description"]!).ShouldContain("concurrency.conflict");
        // What Identity declares itself is kept: its 400 is its own validation problem.
        ((string)Of("POST /api/v1/auth/register")["responses"]!["400"]!["content"]![ProblemJson]!["schema"]!["$ref"]!)
            .ShouldEndWith("HttpValidationProblemDetails");
    }

    [Fact]
    public async Task Enums_AreStringsListingTheirNames_AsTheApiSendsAndReadsThem()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();

        static string[] Names(JsonNode schema) => [.. schema["enum"]!.AsArray().Select(v => (string)v!)];

        var status = schemas[typeof(PickupStatus).FullName!]!;
        ((string?)status["type"]).ShouldBe("string");
        Names(status).ShouldBe(Enum.GetNames<PickupStatus>());
        var kind = schemas[typeof(DispatchRunKind).FullName!]!;
        ((string?)kind["type"]).ShouldBe("string");
        Names(kind).ShouldBe(Enum.GetNames<DispatchRunKind>());
        // A set of categories is an array of single names; the empty set is never a value.
        Names(schemas[typeof(ItemCategories).FullName!]!).ShouldBe(["Clothing", "Shoes", "BagsAndAccessories", "HomeTextiles"]);
        // And no enum anywhere is documented as the integers the API never sends.
        var enums = schemas.Where(s => s.Value?["enum"] is not null).ToList();
        enums.Count.ShouldBeGreaterThan(5);
        enums.ShouldAllBe(s => (string?)s.Value!["type"] == "string");
    }
}
