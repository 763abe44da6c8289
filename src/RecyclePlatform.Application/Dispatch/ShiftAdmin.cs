using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>A shift as a dispatcher enters it: the courier, the local date and hours, the hubs and the vehicle.</summary>
public sealed class ShiftInput
{
    public Guid CourierId { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly StartTime { get; set; } = new(8, 0);
    public TimeOnly EndTime { get; set; } = new(16, 0);
    public Guid StartHubId { get; set; }

    /// <summary>Where the shift ends; the start hub when not given.</summary>
    public Guid? EndHubId { get; set; }

    public int CapacityBags { get; set; } = 40;
    public int CapacityKg { get; set; } = 300;
}

public sealed class ShiftInputValidator : AbstractValidator<ShiftInput>
{
    public ShiftInputValidator()
    {
        RuleFor(s => s.CourierId).NotEmpty().WithRule(Rules.Shift.CourierRequired);
        RuleFor(s => s.StartHubId).NotEmpty().WithRule(Rules.Shift.StartHubRequired);
        RuleFor(s => s.EndTime).GreaterThan(s => s.StartTime).WithRule(Rules.Shift.HoursInvalid);
        RuleFor(s => s.CapacityBags).InclusiveBetween(1, Shift.MaxBags).WithRule(Rules.Shift.CapacityBagsInvalid);
        RuleFor(s => s.CapacityKg).InclusiveBetween(1, Shift.MaxKg).WithRule(Rules.Shift.CapacityKgInvalid);
    }
}

public sealed record ShiftDto(Guid Id, Guid CourierId, string CourierName, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    Guid StartHubId, Guid EndHubId, int CapacityBags, int CapacityKg, bool DroppedOut);

/// <summary>
/// Shifts of a city's couriers. Rules that need the database (another city's courier or hub, an overlap
/// with the courier's other shifts) come back as field errors like the input's own. Every change
/// re-derives the window capacity donors are offered that day.
/// </summary>
public sealed class ShiftAdmin(IAppDbContext db, ICurrentUser user, IValidator<ShiftInput> validator, ShiftCapacity capacity,
    DispatchPlanner planner, TimeProvider time)
{
    public async Task<IReadOnlyList<ShiftDto>> ListAsync(Guid cityId, DateOnly day, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        return await (from s in db.Shifts.AsNoTracking()
                      join c in db.Couriers on s.CourierId equals c.Id
                      where s.CityId == cityId && s.LocalDate == day
                      orderby s.StartsAt, c.DisplayName
                      select new ShiftDto(s.Id, s.CourierId, c.DisplayName, s.LocalDate, s.StartsAt, s.EndsAt, s.StartHubId, s.EndHubId,
                          s.CapacityBags, s.CapacityKg, s.DroppedOut))
            .ToListAsync(ct);
    }

    public async Task<ShiftDto> CreateAsync(ShiftInput input, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        var courier = await db.Couriers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == input.CourierId, ct);
        if (courier is null || !user.CanPlan(courier.CityId))
        {
            throw Field(nameof(ShiftInput.CourierId), Rules.Shift.CourierRequired.Code);
        }
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == courier.CityId, ct);
        var startHub = await db.Hubs.AsNoTracking().SingleOrDefaultAsync(h => h.Id == input.StartHubId, ct);
        var endHub = await db.Hubs.AsNoTracking().SingleOrDefaultAsync(h => h.Id == (input.EndHubId ?? input.StartHubId), ct);
        if (startHub is null || startHub.CityId != courier.CityId)
        {
            throw Field(nameof(ShiftInput.StartHubId), Rules.Shift.StartHubOtherCity.Code);
        }
        if (endHub is null || endHub.CityId != courier.CityId)
        {
            throw Field(nameof(ShiftInput.EndHubId), Rules.Shift.EndHubOtherCity.Code);
        }
        var zone = CityClock.Zone(city);
        var startsAt = CityClock.At(input.Date, input.StartTime, zone);
        var endsAt = CityClock.At(input.Date, input.EndTime, zone);
        Shift shift;
        try
        {
            shift = Shift.Create(courier, startHub, endHub, input.Date, startsAt, endsAt, input.CapacityBags, input.CapacityKg);
        }
        catch (DomainRuleException rule) when (rule.Code == Rules.Shift.CourierInactive.Code)
        {
            throw Field(nameof(ShiftInput.CourierId), rule.Code);
        }
        var others = await db.Shifts.AsNoTracking()
            .Where(s => s.CourierId == courier.Id && !s.DroppedOut && s.StartsAt < shift.EndsAt && s.EndsAt > shift.StartsAt).ToListAsync(ct);
        if (others.Any(shift.Overlaps))
        {
            throw Field(nameof(ShiftInput.StartTime), Rules.Shift.Overlaps.Code);
        }
        db.Shifts.Add(shift);
        await db.SaveChangesAsync(ct);
        await capacity.FollowShiftsAsync(city.Id, input.Date, ct);
        return new ShiftDto(shift.Id, courier.Id, courier.DisplayName, shift.LocalDate, shift.StartsAt, shift.EndsAt, shift.StartHubId, shift.EndHubId,
            shift.CapacityBags, shift.CapacityKg, shift.DroppedOut);
    }

    /// <summary>
    /// A shift entered by mistake goes away, as long as no stop was ever planned on it (then the courier
    /// drops out instead, which keeps the history). The day's window capacity follows.
    /// </summary>
    public async Task RemoveAsync(Guid shiftId, CancellationToken ct)
    {
        var shift = await db.Shifts.SingleOrDefaultAsync(s => s.Id == shiftId, ct) ?? throw new NotFoundException("shift", shiftId);
        user.RequireCity(shift.CityId, "shift", shiftId);
        if (await db.Pickups.AnyAsync(p => p.ShiftId == shiftId, ct))
        {
            throw new DomainRuleException(Rules.Shift.HasStops);
        }
        db.Shifts.Remove(shift);
        await db.SaveChangesAsync(ct);
        await capacity.FollowShiftsAsync(shift.CityId, shift.LocalDate, ct);
    }

    /// <summary>
    /// The courier cannot work the shift: their stops not yet started come off the route, and one run
    /// places them on the other shifts of the day (keeping everyone else's stops where they are).
    /// </summary>
    public async Task<DispatchRunDto> DropOutAsync(Guid shiftId, CancellationToken ct)
    {
        var shift = await db.Shifts.SingleOrDefaultAsync(s => s.Id == shiftId, ct) ?? throw new NotFoundException("shift", shiftId);
        user.RequireCity(shift.CityId, "shift", shiftId);
        shift.DropOut();
        var now = time.GetUtcNow();
        var stops = await db.Pickups.Where(p => p.ShiftId == shiftId && p.Status == Domain.Pickups.PickupStatus.Assigned).ToListAsync(ct);
        foreach (var pickup in stops)
        {
            pickup.LeaveUnplanned(UnservedReason.DayFull, now);
        }
        await db.SaveChangesAsync(ct);
        await capacity.FollowShiftsAsync(shift.CityId, shift.LocalDate, ct);
        return await planner.RequestAsync(shift.CityId, shift.LocalDate, DispatchRunKind.Redistribute, ct);
    }

    private static ValidationException Field(string property, string code) =>
        new([new ValidationFailure(property, code) { ErrorCode = code }]);
}
