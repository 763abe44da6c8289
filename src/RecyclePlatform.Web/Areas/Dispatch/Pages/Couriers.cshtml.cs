using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>A city's couriers: add one (invited by e-mail to choose a password) and deactivate one.</summary>
public sealed class CouriersModel(CityQueries cities, CourierQueries couriers, PlaceQueries places,
    ICurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public CityDto? City { get; private set; }
    public IReadOnlyList<HubDto> Hubs { get; private set; } = [];
    public IReadOnlyList<CourierAdminDto> Couriers { get; private set; } = [];

    /// <summary>The city of the page (its query, and the forms' hidden field).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? CityId { get; set; }

    [BindProperty]
    public AddCourierCommand Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid? cityId, CancellationToken ct) => await LoadAsync(cityId, ct);

    public async Task<IActionResult> OnPostCreateAsync(Guid cityId, [FromServices] AddCourierHandler add, CancellationToken ct)
    {
        var created = await add.HandleAsync(cityId, Input, ct);
        StatusMessage = localizer["Couriers.Invited", created.Name, created.Email];
        return RedirectToPage(new { cityId });
    }

    public Task ReloadAsync(CancellationToken ct) => LoadAsync(CityId, ct);

    public async Task<IActionResult> OnPostDeactivateAsync(Guid courierId, Guid cityId, [FromServices] DeactivateCourierHandler deactivate, CancellationToken ct)
    {
        await deactivate.HandleAsync(courierId, ct);
        StatusMessage = localizer["Couriers.Deactivated"];
        return RedirectToPage(new { cityId });
    }

    private async Task LoadAsync(Guid? cityId, CancellationToken ct)
    {
        (Cities, var city) = await PlannedCities.LoadAsync(cities, user, cityId, ct);
        if (city is null)
        {
            return;
        }
        City = city;
        Hubs = (await places.ListAsync(city.Id, ct)).Hubs;
        Couriers = await couriers.ListAsync(city.Id, ct);
    }
}
