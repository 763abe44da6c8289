using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>What a manual move breaks: a stop whose window is missed, or the vehicle over its capacity or hours.</summary>
public sealed record MoveWarning(RouteViolationKind Kind, string? Reference);

public sealed record MoveResult(string Reference, Guid ShiftId, int Position, IReadOnlyList<MoveWarning> Warnings);

/// <summary>
/// A dispatcher moves a stop by hand to another courier's route, or to another place in the same one.
/// The move is made even when it breaks a window or a capacity (the dispatcher may know better), and
/// the route's arrival estimates are recomputed and every broken rule is returned as a warning.
/// </summary>
public sealed class MoveStop(IAppDbContext db, ICurrentUser user, TimeProvider time, ITravelTimes travel, IOptions<DispatchOptions> options)
{
    public async Task<MoveResult> MoveAsync(string reference, Guid shiftId, int position, CancellationToken ct)
    {
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var pickup = await db.Pickups.SingleOrDefaultAsync(p => p.Reference == canonical, ct) ?? throw new NotFoundException("pickup", reference);
        user.RequireCity(pickup.CityId, "pickup", reference);
        var shift = await db.Shifts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shiftId, ct);
        if (shift is null || shift.CityId != pickup.CityId)
        {
            throw new NotFoundException("shift", shiftId);
        }
        if (shift.DroppedOut)
        {
            throw new DomainRuleException("shift.dropped_out");
        }
        if (pickup.Status is not (PickupStatus.Booked or PickupStatus.Assigned))
        {
            throw new DomainRuleException("pickup.already_started");
        }
        var day = await DayPlan.LoadAsync(db, pickup.CityId, shift.LocalDate, ct);
        if (pickup.WindowStart < day.DayStart || pickup.WindowStart >= day.DayStart.AddDays(1))
        {
            throw new DomainRuleException("dispatch.other_day");
        }
        var moving = day.Open.Single(p => p.Id == pickup.Id);
        var previousShift = moving.ShiftId;
        var route = day.Open.Where(p => p.ShiftId == shiftId && p.Id != pickup.Id && p.Status is PickupStatus.Assigned or PickupStatus.EnRoute)
            .OrderBy(p => p.Status == PickupStatus.EnRoute ? 0 : 1).ThenBy(p => p.RouteOrder).ToList();
        var started = route.Count(p => p.Status == PickupStatus.EnRoute);
        var at = Math.Clamp(position, started + 1, route.Count + 1) - 1;
        route.Insert(at, moving);

        var problem = await day.ProblemAsync(route, [shift], travel, options.Value.TravelFor(day.City), time.GetUtcNow(), null, ct);
        var order = Enumerable.Range(0, route.Count).ToList();
        var (starts, _) = RouteCheck.Replay(problem, 0, order);
        var now = time.GetUtcNow();
        var first = day.DonePositions.GetValueOrDefault(shift.Id);
        for (var i = 0; i < route.Count; i++)
        {
            if (route[i].Status == PickupStatus.EnRoute || route[i].Id != moving.Id)
            {
                route[i].Reposition(first + i + 1, day.At(starts[i]));
            }
            else
            {
                route[i].Plan(shift.CourierId, shift.Id, first + i + 1, day.At(starts[i]), now);
            }
        }
        if (day.Shifts.FirstOrDefault(s => s.Id == previousShift) is { } previous && previous.Id != shift.Id)
        {
            await CloseGapAsync(day, previous, moving.Id, ct);
        }
        await db.SaveChangesAsync(ct);
        var warnings = RouteCheck.CheckRoute(problem, 0, order)
            .Select(v => new MoveWarning(v.Kind, v.Stop is { } s ? PickupReference.Format(route[s].Reference) : null)).ToList();
        return new MoveResult(PickupReference.Format(moving.Reference), shift.Id, first + at + 1, warnings);
    }

    /// <summary>The route the stop left: positions close up and arrival estimates move earlier.</summary>
    private async Task CloseGapAsync(DayPlan day, Shift previous, Guid moved, CancellationToken ct)
    {
        var route = day.Open.Where(p => p.ShiftId == previous.Id && p.Id != moved && p.Status is PickupStatus.Assigned or PickupStatus.EnRoute)
            .OrderBy(p => p.Status == PickupStatus.EnRoute ? 0 : 1).ThenBy(p => p.RouteOrder).ToList();
        if (route.Count == 0)
        {
            return;
        }
        var problem = await day.ProblemAsync(route, [previous], travel, options.Value.TravelFor(day.City), time.GetUtcNow(), null, ct);
        var (starts, _) = RouteCheck.Replay(problem, 0, [.. Enumerable.Range(0, route.Count)]);
        var first = day.DonePositions.GetValueOrDefault(previous.Id);
        for (var i = 0; i < route.Count; i++)
        {
            route[i].Reposition(first + i + 1, day.At(starts[i]));
        }
    }
}
