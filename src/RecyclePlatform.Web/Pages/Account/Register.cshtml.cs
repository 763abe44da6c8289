using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.Web.Pages.Account;

/// <summary>Sign-up for donors. Staff accounts are created by an administrator or dispatcher.</summary>
public sealed class RegisterModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, TimeProvider time,
    ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email.Trim();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = Input.DisplayName.Trim(),
            CreatedAt = time.GetUtcNow(),
            Culture = System.Globalization.CultureInfo.CurrentUICulture.Name,
        };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            AccountNavigation.AddErrors(ModelState, created, "Input.Password");
            return Page();
        }
        await users.AddToRoleAsync(user, Roles.Consumer);
        await signIn.SignInAsync(user, isPersistent: false);
        logger.LogInformation("User {UserId} registered as a consumer", user.Id);
        return LocalRedirect(AccountNavigation.SafeReturnUrl(Url, ReturnUrl, "/"));
    }
}
