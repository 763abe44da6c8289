using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Web.Areas.Admin.Pages;

public sealed class IndexModel(WorkspaceQueries workspaces, UserManager<ApplicationUser> users) : PageModel
{
    public IReadOnlyList<CityOverviewDto> Cities { get; private set; } = [];
    public IReadOnlyList<(string Role, int Count)> UsersByRole { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Cities = await workspaces.CityOverviewAsync(null, ct);
        var counts = new List<(string, int)>();
        foreach (var role in Roles.All)
        {
            counts.Add((role, (await users.GetUsersInRoleAsync(role)).Count));
        }
        UsersByRole = counts;
    }
}
