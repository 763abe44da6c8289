using System.Security.Cryptography;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Campaigns;

/// <summary>What a member brings to the point; where and when are the point's.</summary>
public sealed class BookAtCollectionPointCommand : IDonationInput
{
    public List<ItemCategories> Categories { get; set; } = [];
    public int Bags { get; set; }
    public WeightBand? Weight { get; set; }
    public ItemCondition? Condition { get; set; }
}

public sealed class BookAtCollectionPointValidator : AbstractValidator<BookAtCollectionPointCommand>
{
    public BookAtCollectionPointValidator() => Include(new DonationInputValidator());
}

/// <summary>
/// A team member books their bags into the team's collection point: a pickup of their own (labels, receipt, impact)
/// at the point's address and window, counted for the team and the campaign running there. The point was agreed
/// for its window, so its households take places even in a full window, up to <see cref="Domain.Campaigns.CollectionPoint.MaxHouseholds"/>.
/// </summary>
public sealed class BookAtCollectionPointHandler(IAppDbContext db, IValidator<BookAtCollectionPointCommand> validator, ICurrentUser user,
    TimeProvider time, IAdvisoryLocks locks, ISlotReservations reservations, SlotPlanner planner, PlatformMetrics metrics)
{
    /// <summary>The advisory lock its bookings and its cancelling take turns on.</summary>
    public static long LockId(Guid pointId) => BitConverter.ToInt64(SHA256.HashData(pointId.ToByteArray()));

    public async Task<Pickup> HandleAsync(Guid pointId, BookAtCollectionPointCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var userId = user.Id ?? throw new InvalidOperationException("Booking needs a signed-in donor.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Households of one point book one at a time, so the last room is taken once.
        await locks.LockForTransactionAsync(LockId(pointId), ct);
        var point = await db.CollectionPoints.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pointId, ct) ?? throw new NotFoundException("collection point", pointId);
        if (!await db.TeamMembers.AnyAsync(m => m.UserId == userId && m.TeamId == point.TeamId, ct))
        {
            throw new DomainRuleException(Rules.Team.NotMember);
        }
        var booked = await db.Pickups.Where(p => p.CollectionPointId == pointId && !PickupStatuses.EndedUncollected.Contains(p.Status))
            .Select(p => p.ConsumerId).ToListAsync(ct);
        if (booked.Contains(userId))
        {
            throw new DomainRuleException(Rules.CollectionPoint.AlreadyBooked);
        }
        point.RequireRoom(booked.Count);
        var slot = await db.Slots.AsNoTracking().SingleAsync(s => s.Id == point.SlotId, ct);
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == point.CityId, ct);
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.UtcTicks % 10)); // the database's precision, as a booking
        var pickup = Pickup.AtCollectionPoint(PickupReference.New(), userId, point, slot, command.ToDonation(charityId: null), city.Booking.MinimumKg, city.Booking.Cutoff, now);
        var campaign = slot.CampaignId is not null && await planner.StillOffersAsync(city, slot, ct)
            ? slot.CampaignId
            : (await RunningCampaigns.InAsync(db, city.Id, CityClock.Today(city.TimeZoneId, now), ct)).FirstOrDefault()?.Id;
        pickup.CountFor(campaign, point.TeamId);
        await db.InsertAsync([pickup, NotificationOutbox.For(NotificationKind.BookingConfirmed, pickup, city.TimeZoneId, now)], ct);
        await reservations.TakeBeyondCapacityAsync(slot.Id, 1, ct);
        await transaction.CommitAsync(ct);
        metrics.Booked();
        return pickup;
    }
}
