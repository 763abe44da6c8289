using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Areas.Charity.Pages;

/// <summary>The charity's programme catalogue: distributions pick a programme from it, and the ledger names only its id.</summary>
public sealed class ProgrammesModel(ProgrammeCatalogue catalogue, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<ProgrammeDto> Programmes { get; private set; } = [];

    [BindProperty]
    public SaveProgrammeCommand Input { get; set; } = new();

    /// <summary>Field errors of the add form, by input name.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Programmes = await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var saved = await catalogue.CreateAsync(Input, ct);
            StatusMessage = localizer["Programmes.Added", saved.Name.Local()];
            return RedirectToPage();
        }
        catch (ValidationException invalid)
        {
            Errors.AddFieldErrors(localizer, invalid);
        }
        catch (DomainRuleException rule)
        {
            Errors[nameof(SaveProgrammeCommand.English)] = ErrorMessages.For(localizer, rule.Code);
        }
        Programmes = await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, long version, string? english, string? chinese, bool active, CancellationToken ct)
    {
        StatusMessage = this.Report(await PageActions.RunAsync(localizer, async () =>
        {
            var saved = await catalogue.UpdateAsync(id, new SaveProgrammeCommand { English = english, Chinese = chinese, Active = active }, version, ct);
            return localizer["Programmes.Saved", saved.Name.Local()];
        }));
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
            return [];
        }
    }
}
