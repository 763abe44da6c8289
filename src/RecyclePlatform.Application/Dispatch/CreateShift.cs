using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>A shift as a dispatcher enters it: the courier, the local date and hours, the hubs and the vehicle.</summary>
/// <summary>A shift as a dispatcher enters it: the courier, the local date and hours, the hubs and the vehicle.</summary>
public sealed class CreateShiftCommand
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

public sealed class CreateShiftCommandValidator : AbstractValidator<CreateShiftCommand>
{
    public CreateShiftCommandValidator()
    {
        RuleFor(s => s.CourierId).NotEmpty().WithRule(Rules.Shift.CourierRequired);
        RuleFor(s => s.StartHubId).NotEmpty().WithRule(Rules.Shift.StartHubRequired);
        RuleFor(s => s.EndTime).GreaterThan(s => s.StartTime).WithRule(Rules.Shift.HoursInvalid);
        RuleFor(s => s.CapacityBags).InclusiveBetween(1, Shift.MaxBags).WithRule(Rules.Shift.CapacityBagsInvalid);
        RuleFor(s => s.CapacityKg).InclusiveBetween(1, Shift.MaxKg).WithRule(Rules.Shift.CapacityKgInvalid);
    }
}

/// <summary>
/// Adds a shift. Rules that need the database (another city's courier or hub, an overlap with the courier's
/// other shifts) come back as field errors like the input's own. The day's window capacity follows.
/// </summary>
public sealed class CreateShiftHandler(IAppDbContext db, ICurrentUser user, IValidator<CreateShiftCommand> validator, ShiftCapacity capacity)
{
    public async Task<ShiftDto> HandleAsync(CreateShiftCommand input, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        var courier = await db.Couriers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == input.CourierId, ct);
        if (courier is null || !user.CanPlan(courier.CityId))
        {
            throw Rules.Shift.CourierRequired.InvalidAt(nameof(CreateShiftCommand.CourierId));
        }
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == courier.CityId, ct);
        var startHub = await db.Hubs.AsNoTracking().SingleOrDefaultAsync(h => h.Id == input.StartHubId, ct);
        var endHub = await db.Hubs.AsNoTracking().SingleOrDefaultAsync(h => h.Id == (input.EndHubId ?? input.StartHubId), ct);
        if (startHub is null || startHub.CityId != courier.CityId)
        {
            throw Rules.Shift.StartHubOtherCity.InvalidAt(nameof(CreateShiftCommand.StartHubId));
        }
        if (endHub is null || endHub.CityId != courier.CityId)
        {
            throw Rules.Shift.EndHubOtherCity.InvalidAt(nameof(CreateShiftCommand.EndHubId));
        }
        var zone = CityClock.Zone(city);
        var startsAt = CityClock.At(input.Date, input.StartTime, zone);
        var endsAt = CityClock.At(input.Date, input.EndTime, zone);
        Shift shift;
        try
        {
            shift = Shift.Create(courier, startHub, endHub, input.Date, startsAt, endsAt, input.CapacityBags, input.CapacityKg);
        }
        catch (DomainRuleException rule) when (rule.Rule == Rules.Shift.CourierInactive)
        {
            throw rule.Rule.InvalidAt(nameof(CreateShiftCommand.CourierId));
        }
        var others = await db.Shifts.AsNoTracking()
            .Where(s => s.CourierId == courier.Id && !s.DroppedOut && s.StartsAt < shift.EndsAt && s.EndsAt > shift.StartsAt).ToListAsync(ct);
        if (others.Any(shift.Overlaps))
        {
            throw Rules.Shift.Overlaps.InvalidAt(nameof(CreateShiftCommand.StartTime));
        }
        db.Shifts.Add(shift);
        await db.SaveChangesAsync(ct);
        await capacity.FollowShiftsAsync(city.Id, input.Date, ct);
        return new ShiftDto(shift.Id, courier.Id, courier.DisplayName, shift.LocalDate, shift.StartsAt, shift.EndsAt, shift.StartHubId, shift.EndHubId,
            shift.CapacityBags, shift.CapacityKg, shift.DroppedOut, shift.CityId);
    }
}
