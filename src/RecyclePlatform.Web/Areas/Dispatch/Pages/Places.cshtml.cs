using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>A city's hubs and districts, and forms to add one of each (errors shown by field).</summary>
public sealed class PlacesModel(CityQueries cities, PlaceQueries places, ICurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public PlacesDto? Places { get; private set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CityId { get; set; }

    [BindProperty]
    public PlaceInput Input { get; set; } = new();

    /// <summary>Which form the errors belong to: "hub" or "district".</summary>
    public string? Form { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid? cityId, CancellationToken ct) => await LoadAsync(cityId, ct);

    public async Task<IActionResult> OnPostHubAsync(Guid cityId, [FromServices] AddHubHandler addHub, CancellationToken ct)
    {
        var hub = await addHub.HandleAsync(cityId, Input, ct);
        StatusMessage = localizer["Places.Added", hub.Name.En];
        return RedirectToPage(new { cityId });
    }

    public async Task<IActionResult> OnPostDistrictAsync(Guid cityId, [FromServices] AddDistrictHandler addDistrict, CancellationToken ct)
    {
        var district = await addDistrict.HandleAsync(cityId, Input, ct);
        StatusMessage = localizer["Places.Added", district.Name.En];
        return RedirectToPage(new { cityId });
    }

    /// <summary>A refused form is shown open again: the handler's name says which one ("hub" or "district").</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        Form = Request.Query["handler"].ToString().ToLowerInvariant();
        await LoadAsync(CityId, ct);
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
