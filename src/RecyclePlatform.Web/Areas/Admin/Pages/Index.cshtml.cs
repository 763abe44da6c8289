using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Web.Areas.Admin.Pages;

public sealed class IndexModel(WorkspaceQueries workspaces, NotificationDispatcher notifications) : PageModel
{
    /// <summary>Notifications not yet e-mailed: a number that keeps growing means mail is not going out.</summary>
    public int EmailBacklog { get; private set; }

    public IReadOnlyList<CityOverviewDto> Cities { get; private set; } = [];
    public IReadOnlyList<(string Role, int Count)> UsersByRole { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Cities = await workspaces.CityOverviewAsync(null, ct);
        var counts = await workspaces.AccountsByRoleAsync(ct);
        UsersByRole = [.. Roles.All.Select(role => (role, counts.GetValueOrDefault(role)))];
        EmailBacklog = await notifications.BacklogAsync(ct);
    }
}
