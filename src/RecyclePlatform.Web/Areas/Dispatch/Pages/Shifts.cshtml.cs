using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>A city's shifts for one day, and a form to add one (its errors shown by field).</summary>
public sealed class ShiftsModel(CityQueries cities, ShiftQueries shifts, PlaceQueries places, CourierQueries couriers, ICurrentUser user,
    TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public CityDto? City { get; private set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<HubDto> Hubs { get; private set; } = [];
    public IReadOnlyList<CourierAdminDto> Couriers { get; private set; } = [];
    public IReadOnlyList<ShiftDto> Shifts { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? CityId { get; set; }

    [BindProperty]
    public CreateShiftCommand Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid? cityId, DateOnly? day, CancellationToken ct)
    {
        await LoadAsync(cityId, day, ct);
        Input.Date = Day;
        Input.StartHubId = Hubs.Count > 0 ? Hubs[0].Id : Guid.Empty;
    }

    public async Task<IActionResult> OnPostAsync(Guid cityId, [FromServices] CreateShiftHandler create, CancellationToken ct)
    {
        var shift = await create.HandleAsync(Input, ct);
        StatusMessage = localizer["Shifts.Added", shift.CourierName];
        return RedirectToPage(new { cityId, day = Input.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    public Task ReloadAsync(CancellationToken ct) => LoadAsync(CityId, Input.Date, ct);

    public async Task<IActionResult> OnPostRemoveAsync(Guid shiftId, Guid cityId, DateOnly day, [FromServices] RemoveShiftHandler remove, CancellationToken ct)
    {
        await remove.HandleAsync(shiftId, ct);
        StatusMessage = localizer["Shifts.Removed"];
        return RedirectToPage(new { cityId, day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    private async Task LoadAsync(Guid? cityId, DateOnly? day, CancellationToken ct)
    {
        (Cities, var city) = await PlannedCities.LoadAsync(cities, user, cityId, ct);
        if (city is null)
        {
            return;
        }
        City = city;
        Day = day ?? CityClock.Today(city.TimeZone, time.GetUtcNow());
        Hubs = (await places.ListAsync(city.Id, ct)).Hubs;
        Couriers = await couriers.ListAsync(city.Id, ct);
        Shifts = await shifts.ListAsync(city.Id, Day, ct);
    }
}
