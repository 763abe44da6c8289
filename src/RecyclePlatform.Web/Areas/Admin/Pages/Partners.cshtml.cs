using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Areas.Admin.Pages;

/// <summary>Charities and recyclers: add, correct, verify, and invite their staff by e-mail.</summary>
public sealed class PartnersModel(PartnerQueries partners, CityQueries cities, IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    public IReadOnlyList<PartnerAdminDto> Partners { get; private set; } = [];
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];

    [BindProperty]
    public PartnerInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync([FromServices] CreatePartnerHandler create, CancellationToken ct)
    {
        await create.HandleAsync(Input, ct);
        StatusMessage = localizer["Partners.Created", Input.NameEn ?? ""];
        return RedirectToPage();
    }

    public Task ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, bool verified, [FromServices] UpdatePartnerHandler update, CancellationToken ct)
    {
        await update.HandleAsync(id, Input, verified, ct);
        StatusMessage = localizer["Partners.Saved", Input.NameEn ?? ""];
        return RedirectToPage();
    }

    /// <summary>
    /// Gives the person (a new account without a password, or an existing one) the partner's staff role
    /// and scope, and e-mails a link to choose a password.
    /// </summary>
    public async Task<IActionResult> OnPostInviteAsync(Guid id, string? staffEmail, string? staffName, [FromServices] InviteStaffHandler invite,
        CancellationToken ct)
    {
        var invited = await invite.HandleAsync(id, new InviteStaffCommand { Email = staffEmail, Name = staffName }, ct);
        StatusMessage = localizer["Partners.Invited", invited.Email];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Partners = await partners.ListAsync(ct);
        Cities = await cities.ListAsync(ct);
    }
}
