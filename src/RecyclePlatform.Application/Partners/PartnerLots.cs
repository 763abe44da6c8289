using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Regions;

namespace RecyclePlatform.Application.Partners;

public sealed class ConfirmReceiptCommand
{
    public decimal? Kg { get; set; }
    public int? Items { get; set; }
    public string? Note { get; set; }
}

public sealed class ConfirmReceiptValidator : AbstractValidator<ConfirmReceiptCommand>
{
    public ConfirmReceiptValidator()
    {
        RuleFor(c => c.Kg).NotNull().WithRule(Rules.Lot.WeightOutOfRange).InclusiveBetween(Lot.MinKg, Lot.MaxKg).WithRule(Rules.Lot.WeightOutOfRange);
        RuleFor(c => c.Items).NotNull().WithRule(Rules.Lot.ItemsOutOfRange).InclusiveBetween(0, Lot.MaxItems).WithRule(Rules.Lot.ItemsOutOfRange);
        RuleFor(c => c.Note).MaximumLength(Lot.MaxNote).WithRule(Rules.Lot.NoteTooLong);
    }
}

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

public sealed record DistributionDto(Guid Id, Guid LotId, Guid ProgrammeId, NameDto Programme, DateOnly Date, string RegionCode, NameDto Region,
    int Items, int Beneficiaries, DateTimeOffset RecordedAt);

/// <summary>
/// A charity's or recycler's lots: only those allocated to the signed-in partner exist for it.
/// Confirming receipt, distributing and recycling are custody entries saved with the change; a
/// refused action changes nothing and writes no entry.
/// </summary>
public sealed class PartnerLots(IAppDbContext db, ICurrentUser user, CustodyRecorder custody, TimeProvider time, RegionCatalogue regions,
    IValidator<ConfirmReceiptCommand> receiptValidator, IValidator<DistributeCommand> distributeValidator)
{
    public async Task<IReadOnlyList<LotDto>> MineAsync(CancellationToken ct)
    {
        var partnerId = PartnerId();
        var lots = await db.Lots.AsNoTracking().Where(l => l.PartnerId == partnerId).OrderByDescending(l => l.AllocatedAt).Take(500).ToListAsync(ct);
        return await LotViews.ToDtosAsync(db, lots, ct);
    }

    public async Task<IReadOnlyList<DistributionDto>> DistributionsAsync(Guid? lotId, CancellationToken ct)
    {
        var partnerId = PartnerId();
        var query = db.Distributions.AsNoTracking().Where(d => d.PartnerId == partnerId);
        if (lotId is { } id)
        {
            // Another partner's lot is not found, as everywhere else, rather than an empty list.
            if (!await db.Lots.AnyAsync(l => l.Id == id && l.PartnerId == partnerId, ct))
            {
                throw new NotFoundException("lot", id);
            }
            query = query.Where(d => d.LotId == id);
        }
        return await DistributionViews.ToDtosAsync(db, regions, query, ct);
    }

    public async Task<LotDto> ConfirmReceiptAsync(Guid lotId, ConfirmReceiptCommand command, long? expectedVersion, CancellationToken ct)
    {
        await receiptValidator.ValidateAndThrowAsync(command, ct);
        var (lot, partnerId) = await MyLotAsync(lotId, expectedVersion, ct);
        var now = time.GetUtcNow();
        lot.ConfirmReceipt(partnerId, command.Kg!.Value, command.Items!.Value, command.Note, now);
        await custody.RecordAsync(ct);
        await VersionGuard.SaveOrReportStaleAsync(db, lot, "lot", nameof(Lot.Status), ct);
        return (await LotViews.ToDtosAsync(db, [lot], ct))[0];
    }

    public Task<DistributionDto> DistributeAsync(Guid lotId, DistributeCommand command, long? expectedVersion, CancellationToken ct) =>
        DistributeAsync(lotId, command, expectedVersion, idempotencyKey: null, ct);

    /// <param name="idempotencyKey">With a key, a retry of the same distribution is answered with the first one instead of counting the items twice.</param>
    public async Task<DistributionDto> DistributeAsync(Guid lotId, DistributeCommand command, long? expectedVersion, string? idempotencyKey,
        CancellationToken ct)
    {
        await distributeValidator.ValidateAndThrowAsync(command, ct);
        var key = IdempotencyKey.From(user.Id ?? Guid.Empty, "distribute", idempotencyKey, new { lotId, command });
        if (key is not null && await key.EarlierResultAsync(db, ct) is { } earlier)
        {
            return await DistributionAsync(earlier, ct);
        }
        var (lot, partnerId) = await MyLotAsync(lotId, expectedVersion, ct);
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

    public async Task<LotDto> RecycleAsync(Guid lotId, decimal kg, long? expectedVersion, CancellationToken ct)
    {
        var (lot, partnerId) = await MyLotAsync(lotId, expectedVersion, ct);
        lot.RecordRecycled(partnerId, kg, time.GetUtcNow());
        await custody.RecordAsync(ct);
        await VersionGuard.SaveOrReportStaleAsync(db, lot, "lot", nameof(Lot.Status), ct);
        return (await LotViews.ToDtosAsync(db, [lot], ct))[0];
    }

    private async Task<(Lot Lot, Guid PartnerId)> MyLotAsync(Guid lotId, long? expectedVersion, CancellationToken ct)
    {
        var partnerId = PartnerId();
        var lot = await db.Lots.SingleOrDefaultAsync(l => l.Id == lotId && l.PartnerId == partnerId, ct) ?? throw new NotFoundException("lot", lotId);
        VersionGuard.EnsureCurrent("lot", lot, lot.Status.ToString(), expectedVersion);
        return (lot, partnerId);
    }

    private Guid PartnerId() => user.PartnerId ?? throw new NotFoundException("partner", Guid.Empty);
}

/// <summary>Distributions as people read them: the programme's and the region's names beside their ids.</summary>
public static class DistributionViews
{
    public static async Task<IReadOnlyList<DistributionDto>> ToDtosAsync(IAppDbContext db, RegionCatalogue regions, IQueryable<Distribution> query,
        CancellationToken ct)
    {
        var rows = await (from d in query
                          join p in db.Programmes on d.ProgrammeId equals p.Id
                          orderby d.Date descending, d.RecordedAt descending
                          select new { d, p.Name.English, p.Name.Chinese }).ToListAsync(ct);
        return [.. rows.Select(r => new DistributionDto(r.d.Id, r.d.LotId, r.d.ProgrammeId, new NameDto(r.English, r.Chinese), r.d.Date,
            r.d.RegionCode, regions.Find(r.d.RegionCode)?.Name ?? new NameDto(r.d.RegionCode, r.d.RegionCode), r.d.Items, r.d.Beneficiaries,
            r.d.RecordedAt))];
    }
}
