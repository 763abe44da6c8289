using System.Security.Claims;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Web.Hosting;

/// <summary>The signed-in user of the current request, from the cookie or bearer token claims.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid? Id => ParseGuid(Principal.FindFirstValue(ClaimTypes.NameIdentifier));

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public IReadOnlyCollection<Guid> CityIds =>
        [.. Principal.FindAll(ScopeClaims.City).Select(c => ParseGuid(c.Value)).OfType<Guid>()];

    public Guid? HubId => ParseGuid(Principal.FindFirstValue(ScopeClaims.Hub));

    public Guid? PartnerId => ParseGuid(Principal.FindFirstValue(ScopeClaims.Partner));

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
