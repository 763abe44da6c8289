using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Web.Areas.Hub.Pages;

public sealed class IndexModel(WorkspaceQueries workspaces, HandoverQueries handover, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public HubWorkspaceDto? Hub { get; private set; }
    public IReadOnlyList<HandoverDto> Waiting { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Hub = user.HubId is { } hubId ? await workspaces.FindHubAsync(hubId, ct) : null;
        if (Hub is not null)
        {
            Waiting = await handover.WaitingAsync(ct);
        }
    }

    /// <summary>Receive one pickup's bags: unticked bags are flagged missing, which needs a note.</summary>
    public async Task<IActionResult> OnPostReceiveAsync(string reference, long version, List<string>? labels, string? note, decimal? intakeKg,
        [FromServices] ReceiveHandoverHandler receive, CancellationToken ct)
    {
        var missing = await receive.HandleAsync(reference, new ReceiveHandoverCommand { Labels = labels, Note = note, IntakeKg = intakeKg }, version, ct);
        StatusMessage = missing.Count == 0
                ? localizer["Hub.Received", reference]
                : localizer["Hub.ReceivedMissing", reference, string.Join(", ", missing)];
        return RedirectToPage();
    }
}
