using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Campaigns;

/// <summary>Where and when the team's members bring their bags: a window of the address's district.</summary>
public sealed class HoldCollectionPointCommand
{
    public Guid SlotId { get; set; }
    public AddressInput Address { get; set; } = new();
}

public sealed class HoldCollectionPointValidator : AbstractValidator<HoldCollectionPointCommand>
{
    public HoldCollectionPointValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.SlotId).NotEmpty().WithRule(Rules.Pickup.SlotRequired);
        RuleFor(c => c.Address).NotNull().WithRule(Rules.Address.DistrictRequired).SetValidator(new AddressInputValidator());
    }
}

/// <summary>
/// The team's founder holds a collection point: one address and window where members bring their bags and one
/// courier collects them all. Members then book their bags there (<see cref="BookAtCollectionPointHandler"/>).
/// </summary>
public sealed class HoldCollectionPointHandler(IAppDbContext db, IValidator<HoldCollectionPointCommand> validator, ICurrentUser user,
    TimeProvider time, SlotPlanner planner)
{
    public async Task<CollectionPoint> HandleAsync(Guid teamId, HoldCollectionPointCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var userId = user.Id ?? throw new InvalidOperationException("Holding a collection point needs a signed-in donor.");
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId, ct) ?? throw new NotFoundException("team", teamId);
        if (!await db.TeamMembers.AnyAsync(m => m.UserId == userId && m.TeamId == teamId, ct))
        {
            throw new DomainRuleException(Rules.Team.NotMember);
        }
        var slot = await db.Slots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.SlotId, ct) ?? throw new NotFoundException("slot", command.SlotId);
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == slot.CityId, ct);
        var now = time.GetUtcNow();
        var point = CollectionPoint.Hold(team, userId, city.Id, slot, command.Address.ToAddress(), city.Booking.Cutoff, now);
        if (!await planner.StillOffersAsync(city, slot, ct))
        {
            throw new DomainRuleException(Rules.Campaign.WindowWithdrawn);
        }
        if (await db.CollectionPoints.CountAsync(p => p.TeamId == teamId && p.CancelledAt == null && p.WindowEnd > now, ct) >= CollectionPoint.MaxOpenPerTeam)
        {
            throw new DomainRuleException(Rules.CollectionPoint.TooMany);
        }
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.InsertAsync([point], ct);
        await transaction.CommitAsync(ct);
        return point;
    }
}
