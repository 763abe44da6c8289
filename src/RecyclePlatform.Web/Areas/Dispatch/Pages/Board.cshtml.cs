using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Domain.Dispatch;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>
/// A city's day: optimise it, watch the run and the couriers' progress (board.js polls the board's JSON),
/// move a stop by hand, and redistribute a courier's stops when they drop out.
/// </summary>
public sealed class BoardModel(CityQueries cities, DispatchBoard board, DispatchPlanner planner, MoveStop move, ShiftAdmin shifts,
    ICurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public DispatchBoardDto? Board { get; private set; }

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
        }
    }

    public async Task<IActionResult> OnPostOptimiseAsync(Guid cityId, DateOnly day, CancellationToken ct)
    {
        StatusMessage = this.Report(await PageActions.RunAsync(localizer, async () =>
        {
            await planner.RequestAsync(cityId, day, DispatchRunKind.Optimise, ct);
            return localizer["Board.RunStarted"];
        }));
        return Back(cityId, day);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid runId, Guid cityId, DateOnly day, CancellationToken ct)
    {
        StatusMessage = this.Report(await PageActions.RunAsync(localizer, async () =>
        {
            await planner.CancelAsync(runId, ct);
            return localizer["Board.CancelRequested"];
        }));
        return Back(cityId, day);
    }

    public async Task<IActionResult> OnPostMoveAsync(string reference, Guid shiftId, int position, Guid cityId, DateOnly day, CancellationToken ct)
    {
        StatusMessage = this.Report(await PageActions.RunAsync(localizer, async () =>
        {
            var result = await move.MoveAsync(reference, shiftId, position, ct);
            Warnings = result.Warnings.Count == 0 ? null : string.Join("\n", result.Warnings.Select(w =>
                w.Reference is null ? localizer[$"Violation.{w.Kind}"].Value : localizer["Board.WarningAt", localizer[$"Violation.{w.Kind}"], w.Reference].Value));
            return localizer["Board.Moved", result.Reference, result.Position];
        }));
        return Back(cityId, day);
    }

    public async Task<IActionResult> OnPostDropOutAsync(Guid shiftId, Guid cityId, DateOnly day, CancellationToken ct)
    {
        StatusMessage = this.Report(await PageActions.RunAsync(localizer, async () =>
        {
            await shifts.DropOutAsync(shiftId, ct);
            return localizer["Board.DroppedOut"];
        }));
        return Back(cityId, day);
    }

    private RedirectToPageResult Back(Guid cityId, DateOnly day) =>
        RedirectToPage(new { cityId, day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
}
