using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Web.Areas.Courier.Pages;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>Put the day's pickups on couriers' routes by hand (automatic planning comes with the dispatch board).</summary>
public sealed class AssignModel(CityQueries cities, DispatchDay dispatchDay, AssignStopHandler assign, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public DispatchDayDto? Day { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid? cityId, DateOnly? day, CancellationToken ct)
    {
        Cities = [.. (await cities.ListAsync(ct)).Where(c => user.IsInRole(Roles.Admin) || user.CityIds.Contains(c.Id))];
        var city = Cities.FirstOrDefault(c => c.Id == cityId) ?? (Cities.Count > 0 ? Cities[0] : null);
        if (city is not null)
        {
            Day = await dispatchDay.GetAsync(city.Id, day, ct);
        }
    }

    public async Task<IActionResult> OnPostAsync(string reference, Guid courierId, int routeOrder, Guid cityId, DateOnly day, CancellationToken ct)
    {
        (_, StatusMessage) = await PageActions.RunAsync(localizer, async () =>
        {
            await assign.AssignAsync(reference, courierId, routeOrder, ct);
            return localizer["Assign.Done", reference];
        });
        return RedirectToPage(new { cityId, day = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }
}
