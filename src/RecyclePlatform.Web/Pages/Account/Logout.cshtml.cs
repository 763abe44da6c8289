using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Web.Pages.Account;

/// <summary>
/// Signing out is a POST (with an antiforgery token), so a link elsewhere cannot sign anyone out.
/// It renews the account's security stamp, which ends every session of it, here and on other
/// devices: a copied cookie or token stops working too.
/// </summary>
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
