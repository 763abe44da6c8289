using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Hubs;

public sealed class LotInput
{
    public LotStream? Stream { get; set; }
    public decimal? Kg { get; set; }
    public List<ItemCategories> Categories { get; set; } = [];
}

public sealed class SortCommand
{
    public List<string> Pickups { get; set; } = [];
    public List<LotInput> Lots { get; set; } = [];
}

public sealed class SortCommandValidator : AbstractValidator<SortCommand>
{
    public SortCommandValidator()
    {
        RuleFor(c => c.Pickups).NotEmpty().WithRule(Rules.Sort.PickupsRequired);
        RuleFor(c => c.Lots).NotEmpty().WithRule(Rules.Sort.LotsRequired);
        RuleFor(c => c.Lots).Must(lots => lots.Where(l => l.Stream is not null).GroupBy(l => l.Stream).All(g => g.Count() == 1))
            .WithRule(Rules.Sort.StreamTwice);
        RuleForEach(c => c.Lots).ChildRules(lot =>
        {
            lot.RuleFor(l => l.Stream).NotNull().WithRule(Rules.Lot.StreamInvalid).IsInEnum().WithRule(Rules.Lot.StreamInvalid);
            lot.RuleFor(l => l.Kg).NotNull().WithRule(Rules.Lot.WeightOutOfRange)
                .InclusiveBetween(Lot.MinKg, Lot.MaxKg).WithRule(Rules.Lot.WeightOutOfRange);
            lot.RuleFor(l => l.Categories).NotEmpty().WithRule(Rules.Pickup.CategoriesRequired);
        });
    }
}

/// <summary>
/// Sorts pickups received at the operator's hub into one lot per stream: a custody entry saved with the change.
/// </summary>
public sealed class SortPickupsHandler(IAppDbContext db, ICurrentUser user, IValidator<SortCommand> validator, CustodyRecorder custody,
    TimeProvider time)
{
    public async Task<IReadOnlyList<LotDto>> HandleAsync(SortCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var hubId = user.RequireHub();
        var references = command.Pickups.Select(r => PickupReference.Normalise(r) ?? throw new NotFoundException("pickup", r)).Distinct().ToList();
        var pickups = await HubQueries.PickupsAt(db, hubId).Where(p => references.Contains(p.Reference)).ToListAsync(ct);
        if (pickups.Count != references.Count)
        {
            throw new NotFoundException("pickup", string.Join(",", references.Except(pickups.Select(p => p.Reference))));
        }
        if (pickups.Any(p => p.Status != PickupStatus.AtHub))
        {
            throw new DomainRuleException(Rules.Sort.PickupNotAtHub);
        }
        var received = pickups.Sum(p => p.ReceivedKg ?? 0);
        if (command.Lots.Sum(l => l.Kg!.Value) > received * Lot.SortTolerance)
        {
            throw new DomainRuleException(Rules.Sort.MoreThanReceived,
                $"The lots weigh more than the {received:0.##} kg received.");
        }
        var cityId = await db.Hubs.Where(h => h.Id == hubId).Select(h => h.CityId).SingleAsync(ct);
        var now = time.GetUtcNow();
        foreach (var pickup in pickups)
        {
            pickup.MarkSorted(now);
        }
        var lots = new List<Lot>();
        foreach (var input in command.Lots)
        {
            var categories = input.Categories.Aggregate(ItemCategories.None, (all, c) => all | c);
            var lot = Lot.Sort(hubId, cityId, input.Stream!.Value, input.Kg!.Value, categories, [.. pickups.Select(p => p.Id)], now);
            db.Lots.Add(lot);
            lots.Add(lot);
        }
        await custody.RecordAsync(ct);
        await db.SaveChangesAsync(ct);
        return await LotViews.ToDtosAsync(db, lots, ct);
    }
}
