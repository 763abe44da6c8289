namespace RecyclePlatform.Web.Api;

/// <summary>
/// Names of the routes a Location header points at: answers build it from the route itself (Http.CreatedAt/AcceptedAt,
/// through LinkGenerator), never from a hand-written string.
/// </summary>
internal static class RouteNames
{
    public const string Pickup = "GetPickup";
    public const string DispatchRun = "GetDispatchRun";
    public const string Shifts = "ListShifts";
    public const string Couriers = "ListCouriers";
    public const string Places = "ListPlaces";
    public const string HubLots = "ListHubLots";
    public const string LotDistributions = "ListLotDistributions";
    public const string Programmes = "ListProgrammes";
    public const string LedgerEntries = "ListLedgerEntries";
    public const string Campaign = "GetCampaign";
    public const string Team = "GetTeam";
    public const string ImpactFactors = "GetImpactFactors";
    public const string ImpactShare = "GetImpactShare";
}

internal static class ApiRoutes
{
    /// <summary>Every JSON endpoint lives under /api/v1.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1");
        v1.AddEndpointFilterFactory(IsoDates.Filter);
        v1.MapAuthApi();
        v1.MapAccountApi();
        v1.MapCitiesApi();
        v1.MapPickupsApi();
        v1.MapCourierApi();
        v1.MapLedgerApi();
        v1.MapLotsApi();
        v1.MapDispatchApi();
        v1.MapAdminApi();
        v1.MapCampaignsApi();
        app.MapLedgerTiles();
        return app;
    }
}

/// <summary>
/// Dates in routes and query strings are ISO 8601 (2026-11-30) and nothing else: the framework's own
/// parsing would read "1.5" as the fifth of January. A date written any other way is a 400.
/// </summary>
internal static partial class IsoDates
{
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var dates = context.MethodInfo.GetParameters()
            .Where(p => p.ParameterType == typeof(DateOnly) || p.ParameterType == typeof(DateOnly?))
            .Select(p => p.Name!).ToList();
        if (dates.Count == 0)
        {
            return next;
        }
        return invocation =>
        {
            var request = invocation.HttpContext.Request;
            foreach (var name in dates)
            {
                var raw = request.RouteValues.TryGetValue(name, out var routed) ? routed?.ToString() : request.Query[name].ToString();
                if (!string.IsNullOrEmpty(raw) && !Iso().IsMatch(raw))
                {
                    return ValueTask.FromResult<object?>(TypedResults.ValidationProblem(
                        new Dictionary<string, string[]> { [name] = ["Write the date as yyyy-MM-dd."] }));
                }
            }
            return next(invocation);
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial System.Text.RegularExpressions.Regex Iso();
}
