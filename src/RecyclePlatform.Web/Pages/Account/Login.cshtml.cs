using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.Account;

[AccountRateLimit]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, DemoAccounts demo, AccountThrottle throttle,
    AccountEmails emails, IStringLocalizer<SharedResource> localizer, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>A message carried over from another page, e.g. "your password is set".</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Shown only where demo data is switched on, so a newcomer can try each role.</summary>
    public IReadOnlyList<(string Role, string Email)> DemoLogins =>
        demo.Enabled ? [.. Roles.All.Select(role => (role, DemoAccounts.EmailFor(role)))] : [];

    public string DemoPassword => demo.Password;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A checkbox only ever sends "true": anything else means unticked (and is not echoed into the form).
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.RememberMe)}");
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email.Trim();
        if (!await throttle.TryAcquireAsync(email, ModelState, localizer, HttpContext.RequestAborted))
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await users.FindByEmailAsync(email);
            var home = user is null ? "/" : AccountNavigation.HomeFor(await users.GetRolesAsync(user));
            return LocalRedirect(AccountNavigation.SafeReturnUrl(Url, ReturnUrl, home));
        }
        if (result.IsNotAllowed && await users.FindByEmailAsync(email) is { } unconfirmed)
        {
            // Only the right password gets here, so saying "not confirmed" tells a stranger nothing.
            await emails.ConfirmationAsync(unconfirmed, email);
            ModelState.AddModelError("", localizer["Login.NotConfirmed"]);
        }
        else if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account locked out");
            ModelState.AddModelError("", localizer["Login.LockedOut"]);
        }
        else
        {
            // Same message for an unknown e-mail and a wrong password: don't reveal who has an account.
            ModelState.AddModelError("", localizer["Login.Failed"]);
        }
        return Page();
    }
}
