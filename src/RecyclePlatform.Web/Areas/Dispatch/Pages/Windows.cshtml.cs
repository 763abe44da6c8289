using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>Places per window for one district and day, with a per-window override.</summary>
public sealed class WindowsModel(
    CityQueries cities, SlotQueries slots, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public Guid? DistrictId { get; private set; }
    public DateOnly? Date { get; private set; }
    public SlotListDto? Slots { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid? districtId, DateOnly? date, CancellationToken ct)
    {
        Cities = [.. (await cities.ListAsync(ct)).Where(c => user.CanPlan(c.Id))];
        var district = Cities.SelectMany(c => c.Districts).FirstOrDefault(d => d.Id == districtId)
            ?? Cities.SelectMany(c => c.Districts).FirstOrDefault();
        if (district is null)
        {
            return;
        }
        DistrictId = district.Id;
        // Without a date: the first day of the booking horizon (today in the city's time zone).
        var listed = await slots.ListAsync(district.Id, date, date, ct);
        Date = date ?? listed.From;
        Slots = listed with { Slots = [.. listed.Slots.Where(s => s.Date == Date)] };
    }

    public async Task<IActionResult> OnPostAsync(Guid slotId, long version, int capacity, Guid districtId, DateOnly date,
        [FromServices] OverrideSlotCapacityHandler overrides, CancellationToken ct)
    {
        await overrides.HandleAsync(slotId, new OverrideSlotCapacityCommand { Capacity = capacity }, version, ct);
        StatusMessage = localizer["Windows.Saved"];
        return RedirectToPage(new { districtId, date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }
}
