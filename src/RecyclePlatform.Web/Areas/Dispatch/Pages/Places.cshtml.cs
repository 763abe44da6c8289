using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>A city's hubs and districts, and forms to add one of each (errors shown by field).</summary>
public sealed class PlacesModel(CityQueries cities, PlacesAdmin places, ICurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public PlacesDto? Places { get; private set; }

    [BindProperty]
    public PlaceInput Input { get; set; } = new();

    /// <summary>Which form the errors belong to: "hub" or "district".</summary>
    public string? Form { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid? cityId, CancellationToken ct) => await LoadAsync(cityId, ct);

    public Task<IActionResult> OnPostHubAsync(Guid cityId, CancellationToken ct) =>
        AddAsync(cityId, "hub", async () => (await places.AddHubAsync(cityId, Input, ct)).Name.En, ct);

    public Task<IActionResult> OnPostDistrictAsync(Guid cityId, CancellationToken ct) =>
        AddAsync(cityId, "district", async () => (await places.AddDistrictAsync(cityId, Input, ct)).Name.En, ct);

    private async Task<IActionResult> AddAsync(Guid cityId, string form, Func<Task<string>> add, CancellationToken ct)
    {
        Errors.AddFormatErrors(localizer, ModelState);
        if (Errors.Count == 0)
        {
            try
            {
                StatusMessage = localizer["Places.Added", await add()];
                return RedirectToPage(new { cityId });
            }
            catch (ValidationException invalid)
            {
                Errors.AddFieldErrors(localizer, invalid);
            }
        }
        Form = form;
        await LoadAsync(cityId, ct);
        return Page();
    }

    private async Task LoadAsync(Guid? cityId, CancellationToken ct)
    {
        (Cities, var city) = await PlannedCities.LoadAsync(cities, user, cityId, ct);
        if (city is not null)
        {
            Places = await places.ListAsync(city.Id, ct);
        }
    }
}
