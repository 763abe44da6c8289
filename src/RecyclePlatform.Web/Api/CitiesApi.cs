using Microsoft.AspNetCore.Http.HttpResults;
using RecyclePlatform.Application.Cities;

namespace RecyclePlatform.Web.Api;

internal static class CitiesApi
{
    public static void MapCitiesApi(this RouteGroupBuilder v1) =>
        v1.MapGet("/cities", ListCities)
            .WithTags("Cities")
            .WithSummary("Every city the platform serves, with its districts and time zone.")
            .AllowAnonymous();

    private static async Task<Ok<IReadOnlyList<CityDto>>> ListCities(CityQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(ct));
}
