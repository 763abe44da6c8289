using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Web.Pages.Account;

public sealed class ChangePasswordModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn,
    IStringLocalizer<SharedResource> localizer, ILogger<ChangePasswordModel> logger) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

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
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var changed = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            AccountNavigation.AddErrors(ModelState, changed, "Input.NewPassword");
            return Page();
        }
        // A new security stamp signs out other devices; keep this one signed in.
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("User {UserId} changed their password", user.Id);
        StatusMessage = localizer["ChangePassword.Done"];
        return RedirectToPage("/Account/Manage");
    }
}
