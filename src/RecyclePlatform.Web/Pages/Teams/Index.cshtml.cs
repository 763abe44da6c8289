using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Campaigns;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.Teams;

/// <summary>The donor's team (its code to share, and leaving it), or the forms to form one or join one with a code.</summary>
public sealed class IndexModel(ImpactQueries impact, CollectionPointQueries points, ICurrentUser user, IStringLocalizer<SharedResource> localizer)
    : PageModel, IFormPage
{
    public Team? Team { get; private set; }

    /// <summary>The team's collection points to come; its founder may hold more.</summary>
    public IReadOnlyList<CollectionPointView> Points { get; private set; } = [];

    public Guid? UserId => user.Id;

    // Two forms on one page, their fields bound as the commands name them (Name, Kind, Code), so each error shows beside its field.
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public TeamKind? Kind { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The name the donor appears under on campaign leaderboards (empty: they do not appear).</summary>
    [BindProperty]
    public string? DisplayName { get; set; }

    public string? PublicName { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct)
    {
        Team = await impact.MyTeamAsync(user.Id!.Value, ct);
        Points = Team is null ? [] : await points.ForTeamAsync(Team.Id, user.Id, ct);
        PublicName = await impact.PublicNameAsync(user.Id!.Value, ct);
        if (!Request.HasFormContentType)
        {
            DisplayName = PublicName;
        }
    }

    public async Task<IActionResult> OnPostPublicNameAsync([FromServices] ChoosePublicNameHandler choose, CancellationToken ct)
    {
        var name = await choose.HandleAsync(new ChoosePublicNameCommand { DisplayName = DisplayName }, ct);
        StatusMessage = name is null ? localizer["Teams.PublicNameOff"] : localizer["Teams.PublicNameOn", name];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostFormAsync([FromServices] FormTeamHandler form, CancellationToken ct)
    {
        var team = await form.HandleAsync(new FormTeamCommand { Name = Name, Kind = Kind }, ct);
        StatusMessage = localizer["Teams.Formed", team.Name];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostJoinAsync([FromServices] JoinTeamHandler join, CancellationToken ct)
    {
        var team = await join.HandleAsync(new JoinTeamCommand { Code = Code }, ct);
        StatusMessage = localizer["Teams.Joined", team.Name];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLeaveAsync([FromServices] LeaveTeamHandler leave, CancellationToken ct)
    {
        await leave.HandleAsync(ct);
        StatusMessage = localizer["Teams.Left"];
        return RedirectToPage();
    }
}
