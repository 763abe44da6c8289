using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.Account;

/// <summary>
/// Where the sign-up e-mail's link lands. Opening it only shows a button: mail scanners that fetch
/// links confirm nothing, and the person confirms with a POST, then signs in.
/// </summary>
[AccountRateLimit]
public sealed class ConfirmEmailModel(UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);
        var token = Decode(Code);
        var result = user is null || token is null
            ? IdentityResult.Failed()
            : await users.ConfirmEmailAsync(user, token);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", localizer["Confirm.LinkInvalid"]);
            return Page();
        }
        StatusMessage = localizer["Confirm.Done"];
        return RedirectToPage("/Account/Login");
    }

    private static string? Decode(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
