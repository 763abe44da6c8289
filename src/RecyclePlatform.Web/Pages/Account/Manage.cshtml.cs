using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Web.Pages.Account;

public sealed class ManageModel(UserManager<ApplicationUser> users) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public string DisplayName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public DateTimeOffset MemberSince { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        DisplayName = user.DisplayName;
        Email = user.Email ?? "";
        Roles = [.. await users.GetRolesAsync(user)];
        MemberSince = user.CreatedAt;
        return Page();
    }
}
