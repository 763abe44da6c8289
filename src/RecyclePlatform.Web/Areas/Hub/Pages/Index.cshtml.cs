using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Web.Areas.Hub.Pages;

public sealed class IndexModel(WorkspaceQueries workspaces, ICurrentUser user) : PageModel
{
    public HubWorkspaceDto? Hub { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Hub = user.HubId is { } hubId ? await workspaces.FindHubAsync(hubId, ct) : null;
}
