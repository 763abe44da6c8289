using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Pickups;

public sealed class AddressInput
{
    public Guid DistrictId { get; set; }
    public string Street { get; set; } = "";
    public string? Building { get; set; }
    public string ContactName { get; set; } = "";
    public string Phone { get; set; } = "";
    public string? AccessNotes { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    public PickupAddress ToAddress() =>
        new(DistrictId, Street, Building, ContactName, Phone, AccessNotes, Latitude, Longitude);

    /// <summary>An address as answers show it.</summary>
    public static AddressInput From(PickupAddress a) => new()
    {
        DistrictId = a.DistrictId, Street = a.Street, Building = a.Building, ContactName = a.ContactName,
        Phone = a.Phone, AccessNotes = a.AccessNotes, Latitude = a.Latitude, Longitude = a.Longitude,
    };
}

/// <summary>What a donor gives, as a booking at their door and a booking at a team's collection point both ask it.</summary>
public interface IDonationInput
{
    List<ItemCategories> Categories { get; }
    int Bags { get; }
    WeightBand? Weight { get; }
    ItemCondition? Condition { get; }
}

public static class DonationInputExtensions
{
    public static Donation ToDonation(this IDonationInput input, Guid? charityId) =>
        new(input.Categories.Aggregate(ItemCategories.None, (all, c) => all | c), input.Bags, input.Weight!.Value, input.Condition!.Value, charityId);
}

public sealed class BookPickupCommand : IDonationInput
{
    public Guid SlotId { get; set; }
    public AddressInput Address { get; set; } = new();
    public List<ItemCategories> Categories { get; set; } = [];
    public int Bags { get; set; }
    public WeightBand? Weight { get; set; }
    public ItemCondition? Condition { get; set; }

    /// <summary>A charity serving the city, or null for the general pool.</summary>
    public Guid? CharityId { get; set; }

    /// <summary>A campaign running in the city today that the donor chose; null counts the pickup for the one running there, if any.</summary>
    public Guid? CampaignId { get; set; }

    public Donation ToDonation() => this.ToDonation(CharityId);
}

public sealed class AddressInputValidator : AbstractValidator<AddressInput>
{
    public AddressInputValidator()
    {
        // One message per field: the first rule that fails.
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(a => a.DistrictId).NotEmpty().WithRule(Rules.Address.DistrictRequired);
        RuleFor(a => a.Street).NotEmpty().WithRule(Rules.Address.StreetRequired)
            .MaximumLength(PickupAddress.MaxStreet).WithRule(Rules.Address.StreetTooLong);
        RuleFor(a => a.Building).MaximumLength(PickupAddress.MaxBuilding).WithRule(Rules.Address.BuildingTooLong);
        RuleFor(a => a.ContactName).NotEmpty().WithRule(Rules.Address.ContactNameRequired)
            .MaximumLength(PickupAddress.MaxContactName).WithRule(Rules.Address.ContactNameTooLong);
        RuleFor(a => a.Phone).NotEmpty().WithRule(Rules.Address.PhoneRequired)
            .Matches(PickupAddress.PhonePatternText).WithRule(Rules.Address.PhoneInvalid);
        RuleFor(a => a.AccessNotes).MaximumLength(PickupAddress.MaxAccessNotes).WithRule(Rules.Address.AccessNotesTooLong);
        RuleFor(a => a.Latitude).InclusiveBetween(-90, 90).WithRule(Rules.Geo.LatitudeOutOfRange)
            .NotNull().When(a => a.Longitude.HasValue).WithRule(Rules.Address.CoordinatesIncomplete);
        RuleFor(a => a.Longitude).InclusiveBetween(-180, 180).WithRule(Rules.Geo.LongitudeOutOfRange)
            .NotNull().When(a => a.Latitude.HasValue).WithRule(Rules.Address.CoordinatesIncomplete);
    }
}

public sealed class DonationInputValidator : AbstractValidator<IDonationInput>
{
    public DonationInputValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Categories).NotEmpty().WithRule(Rules.Pickup.CategoriesRequired);
        RuleForEach(c => c.Categories).IsInEnum().WithRule(Rules.Pickup.CategoriesRequired)
            .NotEqual(ItemCategories.None).WithRule(Rules.Pickup.CategoriesRequired);
        RuleFor(c => c.Bags).InclusiveBetween(1, Donation.MaxBags).WithRule(Rules.Pickup.BagCount);
        // Every rule in a chain carries the code: the page and the API translate by code.
        RuleFor(c => c.Weight).NotNull().WithRule(Rules.Pickup.WeightRequired)
            .IsInEnum().WithRule(Rules.Pickup.WeightRequired);
        RuleFor(c => c.Condition).NotNull().WithRule(Rules.Pickup.ConditionRequired)
            .IsInEnum().WithRule(Rules.Pickup.ConditionRequired);
    }
}

public sealed class BookPickupValidator : AbstractValidator<BookPickupCommand>
{
    public BookPickupValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.SlotId).NotEmpty().WithRule(Rules.Pickup.SlotRequired);
        RuleFor(c => c.Address).NotNull().WithRule(Rules.Address.DistrictRequired).SetValidator(new AddressInputValidator());
        Include(new DonationInputValidator());
    }
}

/// <param name="Booked">The new pickup as saved, when this request made it (not on a replay): the answer is built from it.</param>
public sealed record BookingResult(Guid PickupId, string Reference, bool Replayed, Pickup? Booked = null);

/// <summary>
/// Books a pickup: validate, check the rules, take a place atomically and save, in one
/// transaction. With an idempotency key, a repeat of the same request returns the first
/// booking instead of making another.
/// </summary>
public sealed class BookPickupHandler(
    IAppDbContext db, IValidator<BookPickupCommand> validator, ICurrentUser user, TimeProvider time,
    ISlotReservations reservations, IAdvisoryLocks locks, Cities.ReferenceData places, PlatformMetrics metrics, SlotPlanner planner)
{
    private const string Operation = "book-pickup";

    public async Task<BookingResult> HandleAsync(BookPickupCommand command, string? idempotencyKey, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var consumerId = user.Id ?? throw new InvalidOperationException("Booking needs a signed-in consumer.");
        var key = IdempotencyKey.From(consumerId, Operation, idempotencyKey, command);

        // Everything from here is one transaction, in as few round trips as the guarantees allow
        // (docs/performance.md): the key's lock and its earlier answer, the window, the inserts in one
        // batch, the place, the commit. A rule refused on the way rolls it all back.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (key is not null)
        {
            // Retries of this request take turns: a later one waits for the first to commit, then answers with its booking.
            await locks.LockForTransactionAsync(key.LockId, ct);
            if (await ReplayAsync(key, ct) is { } first)
            {
                return first;
            }
        }
        var slot = await SlotById.For(db)((DbContext)db, command.SlotId, ct)
            ?? throw new NotFoundException("slot", command.SlotId);
        var city = await places.CityAsync(slot.CityId, ct) ?? throw new NotFoundException("city", slot.CityId);
        if (command.CharityId is { } charityId)
        {
            // Only verified charities, as the booking page offers.
            var charity = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == charityId && p.Kind == PartnerKind.Charity && p.Verified, ct);
            if (charity is null || !charity.Serves(city.Id))
            {
                throw new DomainRuleException(Rules.Pickup.CharityNotInCity);
            }
        }

        // At the database's precision (microseconds), so this answer and a later read of the pickup agree.
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.UtcTicks % 10));
        var pickup = Pickup.Book(PickupReference.New(), consumerId, city.Id, slot, command.Address.ToAddress(),
            command.ToDonation(), city.Booking.MinimumKg, city.Booking.Cutoff, now);
        pickup.CountFor(await CampaignAsync(command.CampaignId, city, slot, now, ct),
            await db.TeamMembers.Where(m => m.UserId == consumerId).Select(m => (Guid?)m.TeamId).SingleOrDefaultAsync(ct));
        // A window already full when read is refused without writing anything; otherwise the UPDATE decides.
        if (slot.PlacesLeft > 0)
        {
            try
            {
                // Only new rows: written in one batch without the change tracker (docs/performance.md). The key's
                // record first, the notification after the pickup it names. The place is taken last: the UPDATE
                // locks the window's row until the commit, so taking it last holds that lock for one round trip
                // instead of for the inserts too (every booking of a popular window waits on it).
                await db.InsertAsync([key?.Record(pickup.Id, pickup.CreatedAt), pickup,
                    NotificationOutbox.For(NotificationKind.BookingConfirmed, pickup, city.TimeZoneId, pickup.CreatedAt)], ct);
                if (await reservations.TryTakeAsync(slot.Id, ct))
                {
                    await transaction.CommitAsync(ct);
                    metrics.Booked();
                    return new BookingResult(pickup.Id, pickup.Reference, Replayed: false, Booked: pickup);
                }
            }
            catch (DbUpdateException) when (key is not null)
            {
                // The same key won a race a moment ago (only possible without the advisory lock, on SQLite):
                // answer with that booking (its place stands, ours rolls back).
                await transaction.RollbackAsync(ct);
                // Only a retry with the same key that won the race is answered as it was; any other failure stands.
                if (await ReplayAsync(key, ct) is { } winner)
                {
                    return winner;
                }
                throw;
            }
        }

        // No place left: nothing of this booking stays.
        await transaction.RollbackAsync(ct);
        // The last place may have gone to this very request's first try (SQLite has no advisory lock: one writer at a time).
        if (key is not null && await ReplayAsync(key, ct) is { } taken)
        {
            return taken;
        }
        metrics.SlotRefused();
        throw new DomainRuleException(Rules.Slot.Full);
    }

    /// <summary>The campaign the booking counts for: the window's own, the one chosen (which must run in the city today), or else the one that does.</summary>
    /// <remarks>A campaign's own window counts for that campaign, and only while the campaign still offers it.</remarks>
    private async Task<Guid?> CampaignAsync(Guid? chosen, Domain.Cities.City city, Domain.Slots.Slot slot, DateTimeOffset now, CancellationToken ct)
    {
        if (slot.CampaignId is { } windowCampaign)
        {
            if (chosen is { } other && other != windowCampaign)
            {
                throw new DomainRuleException(Rules.Campaign.WindowOfAnother);
            }
            return await planner.StillOffersAsync(city, slot, ct) ? windowCampaign : throw new DomainRuleException(Rules.Campaign.WindowWithdrawn);
        }
        var counting = await Campaigns.RunningCampaigns.InAsync(db, city.Id, Common.CityClock.Today(city.TimeZoneId, now), ct);
        if (chosen is { } id)
        {
            return counting.Any(c => c.Id == id) ? id : throw new DomainRuleException(Rules.Campaign.NotRunning);
        }
        return counting.FirstOrDefault()?.Id;
    }

    // Compiled once: the hot read of every booking (docs/performance.md).
    private static readonly CompiledQuery<Func<DbContext, Guid, CancellationToken, Task<Domain.Slots.Slot?>>> SlotById =
        new(() => EF.CompileAsyncQuery((DbContext db, Guid id, CancellationToken _) => db.Set<Domain.Slots.Slot>().AsNoTracking().SingleOrDefault(s => s.Id == id)));

    private async Task<BookingResult?> ReplayAsync(IdempotencyKey key, CancellationToken ct)
    {
        if (await key.EarlierResultAsync(db, ct) is not { } pickupId)
        {
            return null;
        }
        var reference = await db.Pickups.Where(p => p.Id == pickupId).Select(p => p.Reference).SingleAsync(ct);
        return new BookingResult(pickupId, reference, Replayed: true);
    }
}
