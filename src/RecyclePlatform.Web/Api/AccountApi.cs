using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.Web.Api;

internal static class AccountApi
{
    public sealed record MeDto(Guid Id, string Email, IReadOnlyList<string> Roles);

    public static void MapAccountApi(this RouteGroupBuilder v1) =>
        v1.MapGet("/me", GetMe)
            .WithTags("Account")
            .WithSummary("The signed-in user's id, e-mail and roles.")
            .RequireAuthorization();

    private static Ok<MeDto> GetMe(ClaimsPrincipal user) =>
        TypedResults.Ok(new MeDto(
            Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
            user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "",
            [.. Roles.All.Where(user.IsInRole)]));
}
