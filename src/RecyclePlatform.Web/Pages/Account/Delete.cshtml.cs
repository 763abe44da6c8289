using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Web.Pages.Account;

/// <summary>
/// Deletes the account and every piece of personal data; pickups stay as anonymised records
/// (district, items, timeline) so that hubs, charities and the figures stay right.
/// </summary>
public sealed class DeleteModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn,
    IStringLocalizer<SharedResource> localizer, ILogger<DeleteModel> logger) : PageModel
{
    [BindProperty]
    public string Password { get; set; } = "";

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromServices] DeleteAccountHandler delete, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (string.IsNullOrEmpty(Password) || !await users.CheckPasswordAsync(user, Password))
        {
            ModelState.AddModelError(nameof(Password), localizer["Identity.PasswordMismatch"]);
            return Page();
        }
        await delete.HandleAsync(user.Id, ct);
        await signIn.SignOutAsync();
        logger.LogInformation("Account {UserId} deleted at the user's request", user.Id);
        StatusMessage = localizer["Delete.Done"];
        return RedirectToPage("/Index");
    }
}
