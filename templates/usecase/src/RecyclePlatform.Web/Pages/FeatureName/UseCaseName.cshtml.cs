using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.FeatureName;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.FeatureName;

/// <summary>
/// The UseCaseName form. There is no try/catch: the global form filter turns a ValidationException or
/// DomainRuleException from the handler into errors beside the fields (Input.&lt;Property&gt;) or above the form,
/// calls <see cref="ReloadAsync"/> for what the page shows besides the form, and shows the page again with
/// what was typed. A NotFoundException is the 404 page.
/// </summary>
// The role is checked here so the page is never open to any signed-in user; a folder convention in
// Web/DependencyInjection.cs (options.Conventions.AuthorizeFolder) may say the same for the whole folder.
[Authorize(Policy = Roles.RequiredRole)]
public sealed class UseCaseNameModel(UseCaseNameHandler handler, Application.Cities.CityQueries cities,
    IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    [BindProperty]
    public UseCaseNameCommand Input { get; set; } = new();

    /// <summary>The choices of the form's city list (an example: see the command's TODO).</summary>
    public IReadOnlyList<Application.Cities.CityDto> Cities { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await handler.HandleAsync(Input, ct);
        StatusMessage = localizer["UseCaseName.Done"];
        // TODO(template): redirect to the page that shows the new NounName once there is one.
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken ct) => Cities = await cities.ListAsync(ct);
}
