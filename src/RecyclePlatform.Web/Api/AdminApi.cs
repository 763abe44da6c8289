using Microsoft.AspNetCore.Http.HttpResults;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Web.Api;

internal static class AdminApi
{
    public static void MapAdminApi(this RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Roles.Admin);
        admin.MapGet("/jobs", Jobs)
            .WithSummary("The background jobs across the cluster: each one's schedule and last run, and the nodes taking part.");
    }

    private static async Task<Ok<BackgroundWorkState>> Jobs(IBackgroundJobs jobs, CancellationToken ct) =>
        TypedResults.Ok(await jobs.StateAsync(ct));
}
