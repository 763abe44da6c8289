using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.Account;

/// <summary>Where an invitation or a forgotten-password link lands: the person chooses a password (an Identity reset token proves the link).</summary>
[AllowAnonymous]
[AccountRateLimit]
public sealed class SetPasswordModel(UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        var result = user is null || string.IsNullOrEmpty(Token)
            ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken" })
            : await users.ResetPasswordAsync(user, Token, Input.NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "InvalidToken"))
            {
                ModelState.AddModelError(string.Empty, localizer["SetPassword.LinkInvalid"]);
            }
            else
            {
                AccountNavigation.AddErrors(ModelState, result, "Input.NewPassword");
            }
            return Page();
        }
        if (!user!.EmailConfirmed)
        {
            // The link reached this inbox, which is what confirming an address proves.
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        StatusMessage = localizer["SetPassword.Done"];
        return RedirectToPage("/Account/Login");
    }
}
