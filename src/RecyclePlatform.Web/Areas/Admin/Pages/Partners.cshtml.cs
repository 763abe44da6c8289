using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Web.Hosting;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Areas.Admin.Pages;

/// <summary>Charities and recyclers: add, correct, verify, and invite their staff by e-mail.</summary>
public sealed class PartnersModel(PartnerQueries partners, CityQueries cities, UserManager<ApplicationUser> users, StaffInvitations invitations,
    TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
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
    public async Task<IActionResult> OnPostInviteAsync(Guid id, string? staffEmail, string? staffName, CancellationToken ct)
    {
        var partner = await partners.NameAsync(id, ct);
        var address = staffEmail?.Trim() ?? "";
        if (partner is null || address.Length is 0 or > 254 || !address.Contains('@', StringComparison.Ordinal))
        {
            StatusMessage = localizer["Partners.InviteEmailInvalid"];
            return RedirectToPage();
        }
        var user = await users.FindByEmailAsync(address);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = address, Email = address, DisplayName = string.IsNullOrWhiteSpace(staffName) ? address : staffName.Trim()[..Math.Min(staffName.Trim().Length, ApplicationUser.MaxDisplayNameLength)],
                CreatedAt = time.GetUtcNow(),
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                StatusMessage = string.Join(" ", created.Errors.Select(e => e.Description));
                return RedirectToPage();
            }
        }
        var claims = await users.GetClaimsAsync(user);
        if (claims.Any(c => c.Type == ScopeClaims.Partner && c.Value != id.ToString()))
        {
            StatusMessage = localizer["Partners.StaffElsewhere", address];
            return RedirectToPage();
        }
        if (!await users.IsInRoleAsync(user, Roles.CharityStaff))
        {
            await users.AddToRoleAsync(user, Roles.CharityStaff);
        }
        if (!claims.Any(c => c.Type == ScopeClaims.Partner))
        {
            await users.AddClaimAsync(user, new Claim(ScopeClaims.Partner, id.ToString()));
        }
        await invitations.SendAsync(HttpContext, user.Id, address, localizer["Partners.InviteSubject", partner.Local()],
            link => localizer["Partners.InviteBody", partner.Local(), link], ct);
        StatusMessage = localizer["Partners.Invited", address];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Partners = await partners.ListAsync(ct);
        Cities = await cities.ListAsync(ct);
    }
}
