using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Ledger;

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
        RuleFor(c => c.Kg).NotNull().WithErrorCode("lot.weight_out_of_range").InclusiveBetween(Lot.MinKg, Lot.MaxKg).WithErrorCode("lot.weight_out_of_range");
        RuleFor(c => c.Items).NotNull().WithErrorCode("lot.items_out_of_range").InclusiveBetween(0, Lot.MaxItems).WithErrorCode("lot.items_out_of_range");
        RuleFor(c => c.Note).MaximumLength(Lot.MaxNote).WithErrorCode("lot.note_too_long");
    }
}

public sealed class DistributeCommand
{
    public string? Programme { get; set; }
    public DateOnly? Date { get; set; }
    public string? Region { get; set; }
    public int? Items { get; set; }
    public int? Beneficiaries { get; set; }
}

public sealed class DistributeValidator : AbstractValidator<DistributeCommand>
{
    public DistributeValidator()
    {
        RuleFor(c => c.Programme).NotEmpty().WithErrorCode("distribution.programme_required").MaximumLength(Distribution.MaxText).WithErrorCode("distribution.programme_required");
        RuleFor(c => c.Region).NotEmpty().WithErrorCode("distribution.region_required").MaximumLength(Distribution.MaxText).WithErrorCode("distribution.region_required");
        RuleFor(c => c.Date).NotNull().WithErrorCode("distribution.date_out_of_range");
        RuleFor(c => c.Items).NotNull().WithErrorCode("lot.items_out_of_range").InclusiveBetween(1, Lot.MaxItems).WithErrorCode("lot.items_out_of_range");
        RuleFor(c => c.Beneficiaries).NotNull().WithErrorCode("distribution.beneficiaries_out_of_range")
            .InclusiveBetween(1, Lot.MaxItems).WithErrorCode("distribution.beneficiaries_out_of_range");
    }
}

public sealed record DistributionDto(Guid Id, Guid LotId, string Programme, DateOnly Date, string Region, int Items, int Beneficiaries, DateTimeOffset RecordedAt);

/// <summary>
/// A charity's or recycler's lots: only those allocated to the signed-in partner exist for it.
/// Confirming receipt, distributing and recycling are custody entries saved with the change; a
/// refused action changes nothing and writes no entry.
/// </summary>
public sealed class PartnerLots(IAppDbContext db, ICurrentUser user, LedgerOutbox ledger, TimeProvider time,
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
            query = query.Where(d => d.LotId == id);
        }
        return await query.OrderByDescending(d => d.Date).ThenByDescending(d => d.RecordedAt)
            .Select(d => new DistributionDto(d.Id, d.LotId, d.Programme, d.Date, d.Region, d.Items, d.Beneficiaries, d.RecordedAt))
            .ToListAsync(ct);
    }

    public async Task<LotDto> ConfirmReceiptAsync(Guid lotId, ConfirmReceiptCommand command, long? expectedVersion, CancellationToken ct)
    {
        await receiptValidator.ValidateAndThrowAsync(command, ct);
        var (lot, partnerId) = await MyLotAsync(lotId, expectedVersion, ct);
        var now = time.GetUtcNow();
        lot.ConfirmReceipt(partnerId, command.Kg!.Value, command.Items!.Value, command.Note, now);
        ledger.Append(CustodyEvents.ReceivedByPartner(now, lot.Id, partnerId, lot.ReceivedKg!.Value, lot.ReceivedItems!.Value, lot.ReceiptDiscrepancy));
        await VersionGuard.SaveOrReportStaleAsync(db, lot, "lot", nameof(Lot.Status), ct);
        return (await LotViews.ToDtosAsync(db, [lot], ct))[0];
    }

    public async Task<DistributionDto> DistributeAsync(Guid lotId, DistributeCommand command, long? expectedVersion, CancellationToken ct)
    {
        await distributeValidator.ValidateAndThrowAsync(command, ct);
        var (lot, partnerId) = await MyLotAsync(lotId, expectedVersion, ct);
        var now = time.GetUtcNow();
        var d = lot.Distribute(partnerId, command.Programme!, command.Date!.Value, command.Region!, command.Items!.Value, command.Beneficiaries!.Value, now);
        db.Distributions.Add(d);
        ledger.Append(CustodyEvents.Distributed(now, lot.Id, partnerId, d.Programme, d.Date, d.Region, d.Items, d.Beneficiaries));
        await VersionGuard.SaveOrReportStaleAsync(db, lot, "lot", nameof(Lot.Status), ct);
        return new DistributionDto(d.Id, d.LotId, d.Programme, d.Date, d.Region, d.Items, d.Beneficiaries, d.RecordedAt);
    }

    public async Task<LotDto> RecycleAsync(Guid lotId, decimal kg, long? expectedVersion, CancellationToken ct)
    {
        var (lot, partnerId) = await MyLotAsync(lotId, expectedVersion, ct);
        lot.RecordRecycled(partnerId, kg);
        ledger.Append(CustodyEvents.Recycled(time.GetUtcNow(), lot.Id, partnerId, decimal.Round(kg, 2)));
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
