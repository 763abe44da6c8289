using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Application.Workspaces;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Areas.Courier.Pages;

/// <summary>The courier's day on a phone: stops in route order, one obvious action each.</summary>
public sealed class IndexModel(WorkspaceQueries workspaces, CourierStops stops, ICurrentUser user,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record StopView(StopDto Stop, string LocalWindow, string MapUrl);

    public CourierWorkspaceDto? Profile { get; private set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<StopView> Stops { get; private set; } = [];

    /// <summary>The day's route on a map: from the hub through the stops in order.</summary>
    public MapView? Map { get; private set; }

    public NavigationApp App { get; private set; }

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
        App = Navigation.Chosen(Request);
        Stops = [.. list.Select(s => new StopView(s, DisplayFormats.Hours(s.WindowStart, s.WindowEnd, s.TimeZone), Navigation.Link(App, s)))];
        if (Stops.Count > 0)
        {
            Map = MapView.Of("courier-map", localizer["Courier.MapLabel"], MapOf(new MapPoint(Profile.HubLatitude, Profile.HubLongitude)));
        }
    }

    /// <summary>The courier's choice of map app for directions, kept on this phone for a year.</summary>
    public IActionResult OnPostNavigationApp(NavigationApp? app, DateOnly? day)
    {
        if (app is null || !Enum.IsDefined(app.Value))
        {
            this.Refuse(ErrorMessages.For(localizer, Rules.Input.Format));
        }
        else
        {
            Response.Cookies.Append(Navigation.Cookie, app.Value.ToString(), new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax,
            });
            StatusMessage = localizer["Courier.NavigationSaved", localizer[$"Navigation.{app}"]];
        }
        return RedirectToPage(new { day = DayRoute(day) });
    }

    /// <summary>The day's stops (cancelled ones are not among them) from the hub, in route order.</summary>
    private MapData MapOf(MapPoint hub)
    {
        MapPoint[] points = [hub, .. Stops.Select(s => new MapPoint(s.Stop.MapLatitude, s.Stop.MapLongitude))];
        var pins = Stops.Select((s, i) => new MapPin(s.Stop.MapLatitude, s.Stop.MapLongitude, 0,
            (s.Stop.RouteOrder ?? i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            localizer["Courier.MapPin", s.Stop.RouteOrder ?? i + 1, s.Stop.Street],
            [$"{s.Stop.RouteOrder ?? i + 1}. {s.Stop.Street}", s.LocalWindow + " · " + localizer[$"Status.{s.Stop.Status}"]],
            s.MapUrl, localizer["Courier.Directions"], s.Stop.Approximate)).ToList();
        return new MapData([new MapLine(0, "", points)], pins);
    }

    public async Task<IActionResult> OnPostOnMyWayAsync(string reference, long version, string key, DateOnly? day, [FromServices] RecordPickupEventHandler events,
        CancellationToken ct)
    {
        await events.HandleAsync(reference, new RecordPickupEventCommand { Type = PickupEventType.EnRoute }, key, version, ct);
        StatusMessage = localizer["Courier.OnTheWayDone"];
        // Back to the day the courier was looking at, not to today.
        return RedirectToPage(new { day = DayRoute(day) });
    }

    /// <summary>A day as the page's route value (yyyy-MM-dd), or null for today.</summary>
    internal static string? DayRoute(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

}
