using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Areas.Charity.Pages;

/// <summary>The charity's programme catalogue: distributions pick a programme from it, and the ledger names only its id.</summary>
public sealed class ProgrammesModel(ProgrammeQueries catalogue, IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    public IReadOnlyList<ProgrammeDto> Programmes { get; private set; } = [];

    [BindProperty]
    public SaveProgrammeCommand Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Programmes = await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] CreateProgrammeHandler create, CancellationToken ct)
    {
        var saved = await create.HandleAsync(Input, ct);
        StatusMessage = localizer["Programmes.Added", saved.Name.Local()];
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken ct) => Programmes = await LoadAsync(ct);

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, long version, string? english, string? chinese, bool active,
        [FromServices] UpdateProgrammeHandler update, CancellationToken ct)
    {
        var saved = await update.HandleAsync(id, new SaveProgrammeCommand { English = english, Chinese = chinese, Active = active }, version, ct);
        StatusMessage = localizer["Programmes.Saved", saved.Name.Local()];
        return RedirectToPage();
    }

    private async Task<IReadOnlyList<ProgrammeDto>> LoadAsync(CancellationToken ct)
    {
        try
        {
            return await catalogue.MineAsync(activeOnly: false, ct);
        }
        catch (NotFoundException)
        {
            // Staff whose partner was removed meanwhile: an empty catalogue, and the add form refuses with its reason.
            return [];
        }
    }
}
