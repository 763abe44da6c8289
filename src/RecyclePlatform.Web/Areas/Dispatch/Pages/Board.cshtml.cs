using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>
/// A city's day: optimise it, watch the run and the couriers' progress (board.js polls the board's JSON),
/// move a stop by hand, and redistribute a courier's stops when they drop out.
/// </summary>
public sealed class BoardModel(CityQueries cities, DispatchBoard board,
    ICurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public DispatchBoardDto? Board { get; private set; }

    /// <summary>The day on a map: each route from its hub in its colour, numbered; stops on no route grey.</summary>
    public MapView? Map { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The warnings of the last manual move, one per line.</summary>
    [TempData]
    public string? Warnings { get; set; }

    public async Task OnGetAsync(Guid? cityId, DateOnly? day, CancellationToken ct)
    {
        (Cities, var city) = await PlannedCities.LoadAsync(cities, user, cityId, ct);
        if (city is not null)
        {
            Board = await board.GetAsync(city.Id, day, ct);
            Colours = Board.Routes.Select((r, i) => (r.ShiftId, i)).ToDictionary(x => x.ShiftId, x => x.i);
            Map = MapView.Of("board-map", localizer["Board.MapLabel"], MapOf(Board));
        }
    }

    /// <summary>Each route's colour by shift: its place among the day's routes, the same on the map, its card and its timeline.</summary>
    public IReadOnlyDictionary<Guid, int> Colours { get; private set; } = new Dictionary<Guid, int>();

    private MapData MapOf(DispatchBoardDto day)
    {
        MapPin Pin(BoardStopDto stop, int? colour) => new(stop.Latitude, stop.Longitude, colour, stop.RouteOrder?.ToString(CultureInfo.InvariantCulture) ?? "",
            localizer["Board.MapPin", stop.Reference, stop.District.Local()],
            [stop.Reference, DisplayFormats.Hours(stop.WindowStart, stop.WindowEnd, day.TimeZone) + " · " + stop.District.Local(),
                localizer.Plural("MyPickups.Bags", stop.Bags) + " · " + localizer[$"Status.{stop.Status}"],
                .. stop.Approximate ? [localizer["Board.MapApproximate"].Value] : Array.Empty<string>()],
            $"#stop-{stop.Reference}", localizer[stop.Status.IsPending() ? "Board.MapMove" : "Board.MapShow"],
            stop.Approximate);
        var live = day.Routes.Where(r => !r.DroppedOut).ToList();
        var lines = live.Select(r => new MapLine(Colours[r.ShiftId], r.CourierName,
            [new MapPoint(r.HubLatitude, r.HubLongitude), .. r.Stops.Select(s => new MapPoint(s.Latitude, s.Longitude))])).ToList();
        var pins = live.SelectMany(r => r.Stops.Select(s => Pin(s, Colours[r.ShiftId])))
            .Concat(day.Unassigned.Select(s => Pin(s, null)))
            .ToList();
        return new MapData(lines, pins);
    }

    public async Task<IActionResult> OnPostOptimiseAsync(Guid cityId, DateOnly day, [FromServices] RequestDispatchRunHandler requestRun, CancellationToken ct)
    {
        await requestRun.HandleAsync(new RequestDispatchRunCommand(cityId, day, DispatchRunKind.Optimise), ct);
        StatusMessage = localizer["Board.RunStarted"];
        return Back(cityId, day);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid runId, Guid cityId, DateOnly day, [FromServices] CancelDispatchRunHandler cancelRun, CancellationToken ct)
    {
        await cancelRun.HandleAsync(runId, ct);
        StatusMessage = localizer["Board.CancelRequested"];
        return Back(cityId, day);
    }

    public async Task<IActionResult> OnPostMoveAsync(string reference, Guid shiftId, int position, Guid cityId, DateOnly day, [FromServices] MoveStopHandler move,
        CancellationToken ct)
    {
        var result = await move.HandleAsync(reference, new MoveStopCommand(shiftId, position), ct);
        Warnings = result.Warnings.Count == 0 ? null : string.Join("\n", result.Warnings.Select(w =>
            w.Reference is null ? localizer[$"Violation.{w.Kind}"].Value : localizer["Board.WarningAt", localizer[$"Violation.{w.Kind}"], w.Reference].Value));
        StatusMessage = localizer["Board.Moved", result.Reference, result.Position, result.CourierName];
        return Back(cityId, day);
    }

    public async Task<IActionResult> OnPostDropOutAsync(Guid shiftId, Guid cityId, DateOnly day, [FromServices] DropOutOfShiftHandler dropOut, CancellationToken ct)
    {
        await dropOut.HandleAsync(shiftId, ct);
        StatusMessage = localizer["Board.DroppedOut"];
        return Back(cityId, day);
    }

    private RedirectToPageResult Back(Guid cityId, DateOnly day) =>
        RedirectToPage(new { cityId, day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
}
