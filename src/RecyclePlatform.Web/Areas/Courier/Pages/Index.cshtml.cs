using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Web.Areas.Courier.Pages;

/// <summary>The courier's day on a phone: stops in route order, one obvious action each.</summary>
public sealed class IndexModel(WorkspaceQueries workspaces, CourierStops stops, RecordPickupEventHandler events, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record StopView(StopDto Stop, string LocalWindow, string MapUrl);

    public CourierWorkspaceDto? Profile { get; private set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<StopView> Stops { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(DateOnly? day, CancellationToken ct)
    {
        Profile = await workspaces.FindCourierAsync(user.Id!.Value, ct);
        if (Profile is null)
        {
            return;
        }
        var (date, list) = await stops.ForDayAsync(day, ct);
        Day = date;
        Stops = [.. list.Select(s => new StopView(s, DisplayFormats.Hours(s.WindowStart, s.WindowEnd, s.TimeZone), MapUrl(s)))];
    }

    public async Task<IActionResult> OnPostOnMyWayAsync(string reference, long version, string key, DateOnly? day, CancellationToken ct)
    {
        StatusMessage = this.Report(await PageActions.RunAsync(localizer, async () =>
        {
            await events.HandleAsync(reference, new RecordPickupEventCommand { Type = PickupEventType.EnRoute }, key, version, ct);
            return localizer["Courier.OnTheWayDone"];
        }));
        // Back to the day the courier was looking at, not to today.
        return RedirectToPage(new { day = DayRoute(day) });
    }

    /// <summary>A day as the page's route value (yyyy-MM-dd), or null for today.</summary>
    internal static string? DayRoute(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A map search for the address; coordinates when the donor gave them.</summary>
    private static string MapUrl(StopDto stop) =>
        stop.Latitude is { } lat && stop.Longitude is { } lon
            ? FormattableString.Invariant($"https://uri.amap.com/marker?position={lon},{lat}")
            : $"https://uri.amap.com/search?keyword={Uri.EscapeDataString($"{stop.District.Zh} {stop.Street}")}";
}
