using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.Account;

/// <summary>
/// Asks for a link to choose a new password. The answer is the same whether or not the address has
/// an account; the e-mail (queued, so the timing matches too) goes only to an existing one.
/// </summary>
[AccountRateLimit]
public sealed class ForgotPasswordModel(
    UserManager<ApplicationUser> users, AccountEmails emails, AccountThrottle throttle, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public bool Sent { get; private set; }

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
        if (await users.FindByEmailAsync(email) is { } user)
        {
            await emails.PasswordResetAsync(user, email);
        }
        Sent = true;
        return Page();
    }
}

public sealed class ForgotPasswordInput
{
    [Required(ErrorMessage = "Validation.EmailRequired")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(254, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";
}
