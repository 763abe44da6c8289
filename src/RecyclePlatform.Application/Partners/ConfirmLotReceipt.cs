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

/// <summary>A partner confirms what it received of a lot (kg and items): a custody entry saved with the change.</summary>
public sealed class ConfirmLotReceiptHandler(IAppDbContext db, ICurrentUser user, CustodyRecorder custody, TimeProvider time,
    IValidator<ConfirmReceiptCommand> validator)
{
    public async Task<LotDto> HandleAsync(Guid lotId, ConfirmReceiptCommand command, long? expectedVersion, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var (lot, partnerId) = await MyLot.LoadAsync(db, user, lotId, expectedVersion, ct);
        var now = time.GetUtcNow();
        lot.ConfirmReceipt(partnerId, command.Kg!.Value, command.Items!.Value, command.Note, now);
        await custody.RecordAsync(ct);
        await VersionGuard.SaveOrReportStaleAsync(db, lot, "lot", nameof(Lot.Status), ct);
        return (await LotViews.ToDtosAsync(db, [lot], ct))[0];
    }
}
