using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>A dispatcher sees the cities they are scoped to; an administrator sees all.</summary>
public sealed class IndexModel(WorkspaceQueries workspaces, ICurrentUser user) : PageModel
{
    public bool AllCities { get; private set; }
    public IReadOnlyList<CityOverviewDto> Cities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        AllCities = user.IsInRole(Roles.Admin);
        Cities = await workspaces.CityOverviewAsync(AllCities ? null : user.CityIds, ct);
    }
}
