using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Regions;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Partners;

/// <summary>
/// A distribution: no free text. The programme is an id from the charity's catalogue and the region a
/// GB/T 2260 code from the region list; both are what the public ledger entry carries.
/// </summary>
public sealed class DistributeCommand
{
    /// <summary>The id of one of the charity's active programmes.</summary>
    public string? Programme { get; set; }

    public DateOnly? Date { get; set; }

    /// <summary>A GB/T 2260 division code (six digits, county level or coarser).</summary>
    public string? Region { get; set; }
    public int? Items { get; set; }
    public int? Beneficiaries { get; set; }
}

public sealed class DistributeValidator : AbstractValidator<DistributeCommand>
{
    public DistributeValidator(RegionCatalogue regions)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Programme).NotEmpty().WithRule(Rules.Distribution.ProgrammeRequired)
            .Must(p => Guid.TryParse(p, out _)).WithRule(Rules.Distribution.ProgrammeUnknown);
        RuleFor(c => c.Region).NotEmpty().WithRule(Rules.Distribution.RegionRequired)
            .Must(regions.Contains).WithRule(Rules.Distribution.RegionInvalid);
        RuleFor(c => c.Date).NotNull().WithRule(Rules.Distribution.DateOutOfRange);
        RuleFor(c => c.Items).NotNull().WithRule(Rules.Lot.ItemsOutOfRange).InclusiveBetween(1, Lot.MaxItems).WithRule(Rules.Lot.ItemsOutOfRange);
        RuleFor(c => c.Beneficiaries).NotNull().WithRule(Rules.Distribution.BeneficiariesOutOfRange)
            .InclusiveBetween(1, Lot.MaxItems).WithRule(Rules.Distribution.BeneficiariesOutOfRange);
    }
}

/// <summary>
/// A charity records a distribution from a received lot: a custody entry saved with the change. A retry
/// with the same idempotency key is answered with the first distribution.
/// </summary>
public sealed class DistributeLotHandler(IAppDbContext db, ICurrentUser user, CustodyRecorder custody, TimeProvider time, RegionCatalogue regions,
    IValidator<DistributeCommand> validator)
{
    /// <param name="idempotencyKey">With a key, a retry of the same distribution is answered with the first one instead of counting the items twice.</param>
    public async Task<DistributionDto> HandleAsync(Guid lotId, DistributeCommand command, long? expectedVersion, string? idempotencyKey,
        CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var key = IdempotencyKey.From(user.Id ?? Guid.Empty, "distribute", idempotencyKey, new { lotId, command });
        if (key is not null && await key.EarlierResultAsync(db, ct) is { } earlier)
        {
            return await DistributionAsync(earlier, ct);
        }
        var (lot, partnerId) = await MyLot.LoadAsync(db, user, lotId, expectedVersion, ct);
        var programmeId = Guid.Parse(command.Programme!);
        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programmeId && p.PartnerId == partnerId, ct);
        var now = time.GetUtcNow();
        var d = lot.Distribute(partnerId, programme, command.Date!.Value, RegionCode.Parse(command.Region), command.Items!.Value,
            command.Beneficiaries!.Value, now);
        db.Distributions.Add(d);
        key?.Remember(db, d.Id, now);
        await custody.RecordAsync(ct);
        try
        {
            await VersionGuard.SaveOrReportStaleAsync(db, lot, "lot", nameof(Lot.Status), ct);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Only a retry with the same key that won the race is answered as it was; anything else is a real failure.
            if (await key.EarlierResultAsync(db, ct) is not { } winner)
            {
                throw;
            }
            return await DistributionAsync(winner, ct);
        }
        return await DistributionAsync(d.Id, ct);
    }

    private async Task<DistributionDto> DistributionAsync(Guid id, CancellationToken ct) =>
        (await DistributionViews.ToDtosAsync(db, regions, db.Distributions.AsNoTracking().Where(x => x.Id == id), ct))[0];
}
