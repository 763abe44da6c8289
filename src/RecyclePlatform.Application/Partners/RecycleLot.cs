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

public sealed class RecycleLotCommand
{
    public decimal? Kg { get; set; }
}

public sealed class RecycleLotValidator : AbstractValidator<RecycleLotCommand>
{
    public RecycleLotValidator()
    {
        RuleFor(c => c.Kg).NotNull().WithRule(Rules.Lot.WeightOutOfRange).InclusiveBetween(Lot.MinKg, Lot.MaxKg).WithRule(Rules.Lot.WeightOutOfRange);
    }
}

/// <summary>A recycler records kg recycled from a received lot: a custody entry saved with the change.</summary>
public sealed class RecycleLotHandler(IAppDbContext db, ICurrentUser user, CustodyRecorder custody, TimeProvider time, IValidator<RecycleLotCommand> validator)
{
    public async Task<LotDto> HandleAsync(Guid lotId, RecycleLotCommand command, long? expectedVersion, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var (lot, partnerId) = await MyLot.LoadAsync(db, user, lotId, expectedVersion, ct);
        lot.RecordRecycled(partnerId, command.Kg!.Value, time.GetUtcNow());
        await custody.RecordAsync(ct);
        await VersionGuard.SaveOrReportStaleAsync(db, lot, "lot", nameof(Lot.Status), ct);
        return (await LotViews.ToDtosAsync(db, [lot], ct))[0];
    }
}
