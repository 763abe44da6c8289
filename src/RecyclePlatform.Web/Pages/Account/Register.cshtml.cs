using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.Account;

/// <summary>
/// Sign-up for donors (staff accounts are created by an administrator or dispatcher). Whether the
/// address is new or already has an account, the page answers "check your inbox" after the same
/// work (a password hash), and only the inbox learns which: a link to confirm, or a note that the
/// address already has an account.
/// </summary>
[AccountRateLimit]
public sealed class RegisterModel(
    UserManager<ApplicationUser> users, AccountEmails emails, AccountThrottle throttle, TimeProvider time,
    IStringLocalizer<SharedResource> localizer, ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Where the e-mail went, once the form is sent.</summary>
    public string? SentTo { get; private set; }

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
        if (!await throttle.TryAcquireAsync(email, ModelState, localizer, HttpContext.RequestAborted))
        {
            return Page();
        }
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = Input.DisplayName.Trim(),
            CreatedAt = time.GetUtcNow(),
            Culture = System.Globalization.CultureInfo.CurrentUICulture.Name,
        };
        var created = await users.CreateAsync(user, Input.Password);
        if (created.Succeeded)
        {
            await users.AddToRoleAsync(user, Roles.Consumer);
            await emails.ConfirmationAsync(user, email);
            logger.LogInformation("User {UserId} registered as a consumer", user.Id);
        }
        else if (AccountEmails.IsAlreadyRegistered(created.Errors.Select(e => e.Code)))
        {
            emails.AlreadyRegistered(email);
        }
        else
        {
            AccountNavigation.AddErrors(ModelState, created, "Input.Password");
            return Page();
        }
        SentTo = email;
        return Page();
    }
}
