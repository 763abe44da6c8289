using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages;

/// <summary>The language switch: remembers the choice in a cookie and returns to the page it came from.</summary>
public sealed class LanguageModel(UserManager<ApplicationUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        var chosen = LocalizationSetup.Cultures.FirstOrDefault(c => c.Name == culture);
        if (chosen is not null)
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            // E-mails follow the language the person last chose.
            if (await users.GetUserAsync(User) is { } user)
            {
                user.Culture = chosen.Name;
                await users.UpdateAsync(user);
            }
        }
        return LocalRedirect(Account.AccountNavigation.SafeReturnUrl(Url, returnUrl, "/"));
    }
}
