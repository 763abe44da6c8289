using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Web.Api;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>Bulk import of pickups (a community drive) or couriers from a CSV file: all rows or none, with a report per row.</summary>
public sealed class ImportModel(CityQueries cities, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public Guid? CityId { get; private set; }
    public ImportReport? Report { get; private set; }
    public string? FileError { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid? cityId, CancellationToken ct) => await LoadAsync(cityId, ct);

    public async Task<IActionResult> OnPostAsync(Guid cityId, string kind, IFormFile? file,
        [FromServices] ImportPickupsHandler importPickups, [FromServices] ImportCouriersHandler importCouriers, CancellationToken ct)
    {
        await LoadAsync(cityId, ct);
        if (file is null || file.Length == 0)
        {
            FileError = localizer["Import.FileRequired"];
            return Page();
        }
        if (file.Length > DispatchApi.MaxImportBytes)
        {
            FileError = localizer["Import.FileTooLarge"];
            return Page();
        }
        await using var stream = file.OpenReadStream();
        Report = kind == "couriers" ? await importCouriers.HandleAsync(cityId, stream, ct) : await importPickups.HandleAsync(cityId, stream, ct);
        if (!Report.Succeeded)
        {
            return Page();
        }
        StatusMessage = localizer[kind == "couriers" ? "Import.CouriersDone" : "Import.PickupsDone", Report.Imported];
        return RedirectToPage(new { cityId });
    }

    private async Task LoadAsync(Guid? cityId, CancellationToken ct)
    {
        (Cities, var city) = await PlannedCities.LoadAsync(cities, user, cityId, ct);
        CityId = city?.Id;
    }
}
