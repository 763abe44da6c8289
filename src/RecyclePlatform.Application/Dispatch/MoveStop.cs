using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>What a manual move breaks: a stop whose window is missed, or the vehicle over its capacity or hours.</summary>
public sealed record MoveWarning(RouteViolationKind Kind, string? Reference);

/// <param name="Position">Where on the route: 1 is first; past the end is last, and never before a stop already started.</param>
public sealed record MoveStopCommand(Guid ShiftId, int Position);

public sealed class MoveStopValidator : AbstractValidator<MoveStopCommand>
{
    public MoveStopValidator() => RuleFor(c => c.Position).GreaterThanOrEqualTo(1).WithRule(Rules.Pickup.RouteOrderInvalid);
}

public sealed record MoveResult(string Reference, Guid ShiftId, int Position, IReadOnlyList<MoveWarning> Warnings, string CourierName);

/// <summary>
/// A dispatcher moves a stop by hand to another courier's route, or to another place in the same one.
/// The move is made even when it breaks a window or a capacity (the dispatcher may know better), and
/// the route's arrival estimates are recomputed and every broken rule is returned as a warning.
/// </summary>
public sealed class MoveStopHandler(IAppDbContext db, ICurrentUser user, TimeProvider time, ITravelTimes travel, IOptions<DispatchOptions> options,
    IValidator<MoveStopCommand> validator)
{
    public async Task<MoveResult> HandleAsync(string reference, MoveStopCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var (shiftId, position) = (command.ShiftId, command.Position);
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
            throw new DomainRuleException(Rules.Shift.DroppedOut);
        }
        if (!pickup.Status.IsPending())
        {
            throw new DomainRuleException(Rules.Pickup.AlreadyStarted);
        }
        var day = await DayPlan.LoadAsync(db, pickup.CityId, shift.LocalDate, ct);
        if (pickup.WindowStart < day.DayStart || pickup.WindowStart >= day.DayStart.AddDays(1))
        {
            throw new DomainRuleException(Rules.Dispatch.OtherDay);
        }
        var previousShift = pickup.ShiftId;
        var route = RouteOf(day, shiftId, except: pickup.Id);
        var started = route.Count(p => p.Status == PickupStatus.EnRoute);
        var at = Math.Clamp(position, started + 1, route.Count + 1) - 1;
        route.Insert(at, pickup);
        var problem = await RetimeAsync(day, shift, route, joining: pickup, ct);
        if (previousShift != shift.Id && day.Shifts.FirstOrDefault(s => s.Id == previousShift) is { } previous)
        {
            // The route the stop left closes up, and its arrivals move earlier.
            var left = RouteOf(day, previous.Id, except: pickup.Id);
            if (left.Count > 0)
            {
                await RetimeAsync(day, previous, left, joining: null, ct);
            }
        }
        await db.SaveChangesAsync(ct);
        var warnings = RouteCheck.CheckRoute(problem, 0, [.. Enumerable.Range(0, route.Count)])
            .Select(v => new MoveWarning(v.Kind, v.Stop is { } s ? PickupReference.Format(route[s].Reference) : null)).ToList();
        var courierName = await db.Couriers.Where(c => c.Id == shift.CourierId).Select(c => c.DisplayName).SingleAsync(ct);
        return new MoveResult(PickupReference.Format(pickup.Reference), shift.Id, day.DonePositions.GetValueOrDefault(shift.Id) + at + 1, warnings, courierName);
    }

    /// <summary>A shift's stops not yet done, in route order (a started stop first), leaving one out.</summary>
    private static List<Pickup> RouteOf(DayPlan day, Guid shiftId, Guid except) =>
        [.. day.Open.Where(p => p.ShiftId == shiftId && p.Id != except && p.Status.IsOnRoute())
            .OrderBy(p => p.Status == PickupStatus.EnRoute ? 0 : 1).ThenBy(p => p.RouteOrder)];

    /// <summary>
    /// Numbers <paramref name="route"/> after the shift's finished stops and sets each arrival from a
    /// replay of it; <paramref name="joining"/> is planned onto the shift. Returns the problem the route
    /// was replayed in, for its warnings.
    /// </summary>
    private async Task<RoutingProblem> RetimeAsync(DayPlan day, Shift shift, List<Pickup> route, Pickup? joining, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var problem = await day.ProblemAsync(route, [shift], travel, options.Value.TravelFor(day.City), now, null, ct);
        var (starts, _) = RouteCheck.Replay(problem, 0, [.. Enumerable.Range(0, route.Count)]);
        var first = day.DonePositions.GetValueOrDefault(shift.Id);
        for (var i = 0; i < route.Count; i++)
        {
            if (route[i] == joining)
            {
                joining.Plan(shift.CourierId, shift.Id, first + i + 1, day.At(starts[i]), now);
            }
            else
            {
                route[i].Reposition(first + i + 1, day.At(starts[i]));
            }
        }
        return problem;
    }
}
