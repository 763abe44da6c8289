using Microsoft.AspNetCore.Http.HttpResults;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.FeatureName;

namespace RecyclePlatform.Web.Api;

/// <summary>
/// POST /api/v1/resource-path: UseCaseName, the same handler the /FeatureName/UseCaseName page calls.
/// Mapped by <c>v1.MapUseCaseNameEndpoint();</c> in <see cref="ApiRoutes.MapApi"/> (Api/ApiRoutes.cs), beside the other Map…Api calls.
/// What the handler throws becomes a problem there too (Hosting/ApiExceptionHandler.cs): no try/catch here.
/// </summary>
internal static class UseCaseNameEndpoint
{
    /// <summary>This endpoint's route name.</summary>
    public const string RouteName = "UseCaseName";

    /// <summary>
    /// The named GET route that shows one NounName: the 201 links to it. TODO(template): map that GET with the
    /// feature's query and <c>.WithName(UseCaseNameEndpoint.ReadRouteName)</c>; until it exists the 201 cannot
    /// be written (no route matches) and the API tests fail.
    /// </summary>
    public const string ReadRouteName = "GetNounName";

    public static void MapUseCaseNameEndpoint(this RouteGroupBuilder v1)
    {
        v1.MapPost("/resource-path", UseCaseName)
            .WithName(RouteName)
            .WithTags("FeatureName")
            // TODO(template): say what it does, for whom, and which headers it honours.
            .WithSummary("UseCaseName.")
            .RequireAuthorization(Roles.RequiredRole);
    }

    private static async Task<CreatedAtRoute<UseCaseNameResult>> UseCaseName(
        UseCaseNameCommand command, UseCaseNameHandler handler, CancellationToken ct)
    {
        var created = await handler.HandleAsync(command, ct);
        return TypedResults.CreatedAtRoute(created, ReadRouteName, new { id = created.Id });
    }
}
