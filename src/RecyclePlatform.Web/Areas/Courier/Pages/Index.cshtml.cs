using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Web.Areas.Courier.Pages;

public sealed class IndexModel(WorkspaceQueries workspaces, ICurrentUser user) : PageModel
{
    public CourierWorkspaceDto? Profile { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Profile = await workspaces.FindCourierAsync(user.Id!.Value, ct);
}
