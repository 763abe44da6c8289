using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Web.Areas.Charity.Pages;

public sealed class IndexModel(WorkspaceQueries workspaces, ICurrentUser user) : PageModel
{
    public PartnerWorkspaceDto? Partner { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Partner = user.PartnerId is { } partnerId ? await workspaces.FindPartnerAsync(partnerId, ct) : null;
}
