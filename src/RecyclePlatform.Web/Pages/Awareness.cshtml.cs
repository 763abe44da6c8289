using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RecyclePlatform.Web.Pages;

/// <summary>What happens to donated clothes, and how to give well: plain reading, in both languages.</summary>
[AllowAnonymous]
public sealed class AwarenessModel : PageModel
{
    public void OnGet()
    {
    }
}
