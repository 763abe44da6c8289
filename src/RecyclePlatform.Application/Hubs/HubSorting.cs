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

public sealed record SortablePickupDto(string Reference, int Bags, decimal Kg, bool WeightDiscrepancy, IReadOnlyList<ItemCategories> Categories, ItemCondition Condition);

public sealed record LotDto(Guid Id, LotStream Stream, decimal Kg, IReadOnlyList<ItemCategories> Categories, LotStatus Status, DateTimeOffset SortedAt,
    int Pickups, Guid? PartnerId, NameDto? Partner, decimal? ReceivedKg, int? ReceivedItems, int DistributedItems, decimal RecycledKg,
    string? ReceiptNote, Guid CityId, NameDto City, long Version);

public sealed record PartnerChoiceDto(Guid Id, PartnerKind Kind, NameDto Name, bool Verified);

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
/// A hub operator's work after the hand-over: sort the pickups at their hub into lots, then
/// allocate reuse lots to charities and recycle lots to recyclers of the city. Every step is a
/// custody entry saved with the change. Lots and pickups of another hub are not found.
/// </summary>
public sealed class HubSorting(IAppDbContext db, ICurrentUser user, IValidator<SortCommand> validator, CustodyRecorder custody,
    TimeProvider time)
{
    /// <summary>Sorted lots may weigh a little more than was received (wet bags dry, scales differ), never much more.</summary>
    public const decimal SortTolerance = 1.05m;

    public async Task<IReadOnlyList<SortablePickupDto>> SortableAsync(CancellationToken ct)
    {
        var hubId = HubId();
        var pickups = await AtMyHub(hubId).Where(p => p.Status == PickupStatus.AtHub).OrderBy(p => p.WindowStart).ToListAsync(ct);
        return [.. pickups.Select(p => new SortablePickupDto(PickupReference.Format(p.Reference), p.Collection?.Bags ?? 0, p.ReceivedKg ?? 0,
            p.WeightDiscrepancy, p.Donation.Categories.Each(), p.Donation.Condition))];
    }

    public async Task<IReadOnlyList<LotDto>> LotsAsync(CancellationToken ct)
    {
        var hubId = HubId();
        var lots = await db.Lots.AsNoTracking().Where(l => l.HubId == hubId).OrderByDescending(l => l.SortedAt).Take(200).ToListAsync(ct);
        return await LotViews.ToDtosAsync(db, lots, ct);
    }

    /// <summary>Charities (for reuse) and recyclers (for recycling) that serve the hub's city.</summary>
    public async Task<IReadOnlyList<PartnerChoiceDto>> PartnersAsync(CancellationToken ct)
    {
        var hubId = HubId();
        var cityId = await db.Hubs.Where(h => h.Id == hubId).Select(h => h.CityId).SingleAsync(ct);
        var partners = await db.Partners.AsNoTracking().Where(p => p.ServedCities.Any(c => c.CityId == cityId))
            .OrderBy(p => p.Kind).ThenBy(p => p.Name.English).ToListAsync(ct);
        return [.. partners.Select(p => new PartnerChoiceDto(p.Id, p.Kind, new NameDto(p.Name.English, p.Name.Chinese), p.Verified))];
    }

    public async Task<IReadOnlyList<LotDto>> SortAsync(SortCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var hubId = HubId();
        var references = command.Pickups.Select(r => PickupReference.Normalise(r) ?? throw new NotFoundException("pickup", r)).Distinct().ToList();
        var pickups = await AtMyHub(hubId).Where(p => references.Contains(p.Reference)).ToListAsync(ct);
        if (pickups.Count != references.Count)
        {
            throw new NotFoundException("pickup", string.Join(",", references.Except(pickups.Select(p => p.Reference))));
        }
        if (pickups.Any(p => p.Status != PickupStatus.AtHub))
        {
            throw new DomainRuleException(Rules.Sort.PickupNotAtHub);
        }
        var received = pickups.Sum(p => p.ReceivedKg ?? 0);
        if (command.Lots.Sum(l => l.Kg!.Value) > received * SortTolerance)
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

    public async Task<LotDto> AllocateAsync(Guid lotId, Guid partnerId, long? expectedVersion, CancellationToken ct)
    {
        var hubId = HubId();
        var lot = await db.Lots.SingleOrDefaultAsync(l => l.Id == lotId && l.HubId == hubId, ct) ?? throw new NotFoundException("lot", lotId);
        VersionGuard.EnsureCurrent("lot", lot, lot.Status.ToString(), expectedVersion);
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == partnerId, ct) ?? throw new DomainRuleException(Rules.Lot.PartnerNotInCity);
        lot.Allocate(partner, time.GetUtcNow());
        await custody.RecordAsync(ct);
        await VersionGuard.SaveOrReportStaleAsync(db, lot, "lot", nameof(Lot.Status), ct);
        return (await LotViews.ToDtosAsync(db, [lot], ct))[0];
    }

    private Guid HubId() => user.HubId ?? throw new NotFoundException("hub", Guid.Empty);

    private IQueryable<Pickup> AtMyHub(Guid hubId) =>
        from p in db.Pickups
        join c in db.Couriers on p.CourierId equals c.Id
        where c.HubId == hubId
        select p;
}
