using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Pickups;

public enum PickupEventType
{
    EnRoute,
    PickedUp,
    Failed,
}

/// <summary>What a courier's device reports for one stop. Which fields count depends on <see cref="Type"/>.</summary>
public sealed class RecordPickupEventCommand
{
    public PickupEventType? Type { get; set; }
    public List<string> Labels { get; set; } = [];
    public int? Bags { get; set; }

    /// <summary>Total weight; or give <see cref="BagWeightsKg"/> and the total is their sum.</summary>
    public decimal? WeightKg { get; set; }

    /// <summary>Weight of each bag, when the courier weighs them one by one.</summary>
    public List<decimal> BagWeightsKg { get; set; } = [];

    /// <summary>The total to record: the given total, or the sum of the bags.</summary>
    public decimal? TotalKg => WeightKg ?? (BagWeightsKg.Count > 0 ? BagWeightsKg.Sum() : null);
    public string? PhotoSha256 { get; set; }
    public FailureReason? Reason { get; set; }
    public string? Note { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

public sealed class RecordPickupEventValidator : AbstractValidator<RecordPickupEventCommand>
{
    public RecordPickupEventValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Type).NotNull().WithRule(Rules.Pickup.EventTypeRequired).IsInEnum().WithRule(Rules.Pickup.EventTypeRequired);
        RuleFor(c => c.Bags).NotNull().WithRule(Rules.Pickup.BagCount).InclusiveBetween(1, Donation.MaxBags).WithRule(Rules.Pickup.BagCount)
            .When(c => c.Type == PickupEventType.PickedUp);
        RuleFor(c => c.TotalKg).NotNull().WithRule(Rules.Pickup.WeightOutOfRange)
            .InclusiveBetween(Collection.MinKg, Collection.MaxKg).WithRule(Rules.Pickup.WeightOutOfRange)
            .OverridePropertyName(nameof(RecordPickupEventCommand.WeightKg))
            .When(c => c.Type == PickupEventType.PickedUp);
        RuleForEach(c => c.BagWeightsKg).InclusiveBetween(Collection.MinKg, Collection.MaxKg).WithRule(Rules.Pickup.WeightOutOfRange);
        RuleFor(c => c.BagWeightsKg.Count).Equal(c => c.Bags ?? 0).WithRule(Rules.Pickup.BagWeightsCount)
            .OverridePropertyName(nameof(RecordPickupEventCommand.BagWeightsKg))
            .When(c => c.Type == PickupEventType.PickedUp && c.BagWeightsKg.Count > 0);
        RuleFor(c => c.WeightKg).Must((c, total) => Math.Abs(total!.Value - c.BagWeightsKg.Sum()) <= 0.05m)
            .WithRule(Rules.Pickup.WeightsDisagree)
            .When(c => c.WeightKg.HasValue && c.BagWeightsKg.Count > 0);
        RuleFor(c => c.Reason).NotNull().WithRule(Rules.Pickup.FailureReasonRequired).IsInEnum().WithRule(Rules.Pickup.FailureReasonRequired)
            .When(c => c.Type == PickupEventType.Failed);
        RuleFor(c => c.Note).MaximumLength(PickupEvent.MaxNote).WithRule(Rules.Pickup.ReasonTooLong);
        RuleFor(c => c.Labels.Count).LessThanOrEqualTo(Donation.MaxBags).WithRule(Rules.Pickup.BagCount);
        RuleForEach(c => c.Labels).MaximumLength(BagLabel.MaxTypedLength).WithRule(Rules.Pickup.LabelInvalid);
        RuleFor(c => c.Latitude).InclusiveBetween(-90, 90).WithRule(Rules.Geo.LatitudeOutOfRange)
            .NotNull().When(c => c.Longitude.HasValue).WithRule(Rules.Address.CoordinatesIncomplete);
        RuleFor(c => c.Longitude).InclusiveBetween(-180, 180).WithRule(Rules.Geo.LongitudeOutOfRange)
            .NotNull().When(c => c.Latitude.HasValue).WithRule(Rules.Address.CoordinatesIncomplete);
    }
}

/// <summary>
/// Records a courier's move at a stop. Made for flaky phones: the same idempotency key replays the
/// first answer, and the version the device last saw must still be current, so two devices can
/// never both win (the loser is told the current state).
/// </summary>
public sealed class RecordPickupEventHandler(
    IAppDbContext db, IValidator<RecordPickupEventCommand> validator, CourierStops stops, ICurrentUser user,
    TimeProvider time, CustodyRecorder custody)
{
    private const string Operation = "pickup-event";

    public async Task<StopDto> HandleAsync(string reference, RecordPickupEventCommand command, string? idempotencyKey,
        long? expectedVersion, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var courier = await stops.CurrentCourierAsync(ct);
        if (!courier.Active)
        {
            throw new DomainRuleException(Rules.Courier.Inactive);
        }
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var key = IdempotencyKey.From(user.Id!.Value, Operation, idempotencyKey, new { canonical, command });
        if (key is not null && await key.EarlierResultAsync(db, ct) is not null)
        {
            return await stops.GetAsync(canonical, ct);
        }

        var pickup = await db.Pickups.SingleOrDefaultAsync(p => p.Reference == canonical && p.CourierId == courier.Id, ct)
            ?? throw new NotFoundException("pickup", reference);
        VersionGuard.EnsureCurrent("pickup", pickup, pickup.Status.ToString(), expectedVersion);
        // Hashes are stored in lower case (AttachPickupPhotoHandler); normalise before the database compares.
        var photoHash = command.PhotoSha256?.ToLowerInvariant();
        if (command.Type == PickupEventType.PickedUp && photoHash is not null
            && !await db.PickupPhotos.AnyAsync(p => p.PickupId == pickup.Id && p.Sha256 == photoHash, ct))
        {
            throw new DomainRuleException(Rules.Photo.NotUploaded);
        }
        var now = time.GetUtcNow();
        var at = command.Latitude is { } lat && command.Longitude is { } lon ? new GeoPoint(lat, lon) : null;
        switch (command.Type!.Value)
        {
            case PickupEventType.EnRoute:
                pickup.StartRoute(courier.Id, now, at);
                break;
            case PickupEventType.PickedUp:
                try
                {
                    pickup.Collect(courier.Id, command.Labels, command.Bags!.Value, command.TotalKg!.Value, photoHash, command.Note, now, at);
                }
                catch (DomainRuleException rule)
                {
                    throw await ForeignLabels.ExplainAsync(db, rule, ct);
                }
                break;
            default:
                pickup.Fail(courier.Id, command.Reason!.Value, command.Note, now, at);
                break;
        }
        await custody.RecordAsync(ct);
        key?.Remember(db, pickup.Id, now);
        try
        {
            await VersionGuard.SaveOrReportStaleAsync(db, pickup, "pickup", nameof(Pickup.Status), ct);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Only a retry with the same key that won the race is answered as it was; anything else is a real failure.
            if (await key.EarlierResultAsync(db, ct) is null)
            {
                throw;
            }
            return await stops.GetAsync(canonical, ct);
        }
        // The stop as saved (its version bumped by the save): no need to read it back.
        return await stops.FromAsync(pickup, courier, ct);
    }

}
