using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Custody;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Domain.Hubs;

/// <summary>Where sorted textiles go: wearable to charities, recyclable to recyclers, the rest is waste.</summary>
public enum LotStream
{
    Reuse,
    Recycle,
    Waste,
}

public enum LotStatus
{
    Sorted,
    Allocated,
    Received,
}

/// <summary>
/// A quantity sorted at a hub from one or more pickups, in one stream. A reuse lot goes to a
/// charity and a recycle lot to a recycler of the hub's city; the partner confirms receipt, then
/// records distributions (charity) or recycling (recycler) within what it received.
/// </summary>
public sealed class Lot : IVersioned, IRecordsCustody
{
    public const decimal MinKg = 0.1m;
    public const decimal MaxKg = 20_000m;
    public const int MaxItems = 1_000_000;
    public const int MaxNote = 500;

    /// <summary>Sorted lots may weigh a little more than was received (wet bags dry, scales differ), never much more.</summary>
    public const decimal SortTolerance = 1.05m;

    private readonly List<LotPickup> _pickups = [];
    private readonly CustodyFactList _facts = new();

    private Lot(Guid id, Guid hubId, Guid cityId, LotStream stream, decimal kg, ItemCategories categories, DateTimeOffset now)
    {
        Id = id;
        HubId = hubId;
        CityId = cityId;
        Stream = stream;
        Kg = kg;
        Categories = categories;
        SortedAt = now;
        Status = LotStatus.Sorted;
    }

    private Lot()
    {
    }

    public Guid Id { get; private set; }
    public Guid HubId { get; private set; }
    public Guid CityId { get; private set; }
    public LotStream Stream { get; private set; }
    public decimal Kg { get; private set; }
    public ItemCategories Categories { get; private set; }
    public DateTimeOffset SortedAt { get; private set; }
    public LotStatus Status { get; private set; }
    public Guid? PartnerId { get; private set; }
    public DateTimeOffset? AllocatedAt { get; private set; }
    public decimal? ReceivedKg { get; private set; }
    public int? ReceivedItems { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }
    public string? ReceiptNote { get; private set; }
    public int DistributedItems { get; private set; }
    public decimal RecycledKg { get; private set; }
    public long Version { get; private set; }
    public IReadOnlyCollection<LotPickup> Pickups => _pickups;
    public IReadOnlyList<CustodyFact> CustodyFacts => _facts.Items;

    public void ClearCustodyFacts() => _facts.Clear();

    public static Lot Sort(Guid hubId, Guid cityId, LotStream stream, decimal kg, ItemCategories categories,
        IReadOnlyCollection<Guid> pickupIds, DateTimeOffset now)
    {
        if (!Enum.IsDefined(stream))
        {
            throw new DomainRuleException(Rules.Lot.StreamInvalid);
        }
        if (kg is < MinKg or > MaxKg)
        {
            throw new DomainRuleException(Rules.Lot.WeightOutOfRange);
        }
        if (categories == ItemCategories.None || (categories & ~Donation.AllCategories) != 0)
        {
            throw new DomainRuleException(Rules.Pickup.CategoriesRequired);
        }
        if (pickupIds.Count == 0)
        {
            throw new DomainRuleException(Rules.Sort.PickupsRequired);
        }
        var lot = new Lot(Guid.CreateVersion7(), hubId, cityId, stream, decimal.Round(kg, 2), categories, now);
        lot._pickups.AddRange(pickupIds.Distinct().Select(id => new LotPickup(id)));
        lot._facts.Add(new LotSorted(now, lot.Id, hubId, stream, lot.Kg, categories, [.. lot._pickups.Select(p => p.PickupId)]));
        return lot;
    }

    /// <summary>Reuse lots go to a charity and recycle lots to a recycler, serving the lot's city; waste goes to neither.</summary>
    public void Allocate(Partner partner, DateTimeOffset now)
    {
        if (Status != LotStatus.Sorted)
        {
            throw new DomainRuleException(Rules.Lot.AlreadyAllocated);
        }
        var wanted = Stream switch
        {
            LotStream.Reuse => PartnerKind.Charity,
            LotStream.Recycle => PartnerKind.Recycler,
            _ => throw new DomainRuleException(Rules.Lot.WasteNotAllocated),
        };
        if (partner.Kind != wanted)
        {
            throw new DomainRuleException(Rules.Lot.PartnerWrongKind);
        }
        if (!partner.Serves(CityId))
        {
            throw new DomainRuleException(Rules.Lot.PartnerNotInCity);
        }
        PartnerId = partner.Id;
        AllocatedAt = now;
        Status = LotStatus.Allocated;
        _facts.Add(new LotAllocated(now, Id, partner.Id, partner.Kind, Kg));
    }

    /// <summary>
    /// The partner confirms what arrived, once. More than was allocated needs a note saying why.
    /// Items are counted for reuse lots (what can later be distributed); recyclers count none.
    /// </summary>
    public void ConfirmReceipt(Guid partnerId, decimal kg, int items, string? note, DateTimeOffset now)
    {
        RequirePartner(partnerId);
        if (Status == LotStatus.Received)
        {
            throw new DomainRuleException(Rules.Lot.AlreadyReceived);
        }
        if (kg is < MinKg or > MaxKg)
        {
            throw new DomainRuleException(Rules.Lot.WeightOutOfRange);
        }
        if (items is < 0 or > MaxItems || (Stream == LotStream.Reuse && items == 0))
        {
            throw new DomainRuleException(Rules.Lot.ItemsOutOfRange);
        }
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed?.Length > MaxNote)
        {
            throw new DomainRuleException(Rules.Lot.NoteTooLong);
        }
        if (decimal.Round(kg, 2) > Kg && trimmed is null)
        {
            throw new DomainRuleException(Rules.Lot.MoreThanAllocatedNeedsNote);
        }
        ReceivedKg = decimal.Round(kg, 2);
        ReceivedItems = items;
        ReceiptNote = trimmed;
        ReceivedAt = now;
        Status = LotStatus.Received;
        _facts.Add(new LotReceived(now, Id, partnerId, ReceivedKg.Value, items, ReceiptDiscrepancy));
    }

    /// <summary>Whether the received weight differs from the allocated one.</summary>
    public bool ReceiptDiscrepancy => ReceivedKg is { } received && received != Kg;

    public int ItemsLeft => (ReceivedItems ?? 0) - DistributedItems;

    /// <param name="programme">One of the partner's active programmes; null or another's is refused.</param>
    public Distribution Distribute(Guid partnerId, Programme? programme, DateOnly date, RegionCode region, int items, int beneficiaries, DateTimeOffset now)
    {
        RequirePartner(partnerId);
        if (Stream != LotStream.Reuse)
        {
            throw new DomainRuleException(Rules.Lot.NotReuse);
        }
        if (programme is null || programme.PartnerId != partnerId || !programme.Active)
        {
            throw new DomainRuleException(Rules.Distribution.ProgrammeUnknown);
        }
        if (Status != LotStatus.Received)
        {
            throw new DomainRuleException(Rules.Lot.NotReceived);
        }
        if (items < 1)
        {
            throw new DomainRuleException(Rules.Lot.ItemsOutOfRange);
        }
        if (items > ItemsLeft)
        {
            throw new DomainRuleException(Rules.Lot.DistributionExceedsReceived);
        }
        var distribution = Distribution.Record(Id, partnerId, programme.Id, date, region, items, beneficiaries, ReceivedAt!.Value, now);
        DistributedItems += items;
        _facts.Add(new LotDistributed(now, Id, partnerId, programme.Id, date, region.Code, items, beneficiaries));
        return distribution;
    }

    public void RecordRecycled(Guid partnerId, decimal kg, DateTimeOffset now)
    {
        RequirePartner(partnerId);
        if (Stream != LotStream.Recycle)
        {
            throw new DomainRuleException(Rules.Lot.NotRecycle);
        }
        if (Status != LotStatus.Received)
        {
            throw new DomainRuleException(Rules.Lot.NotReceived);
        }
        if (kg < MinKg || decimal.Round(kg, 2) > ReceivedKg - RecycledKg)
        {
            throw new DomainRuleException(Rules.Lot.RecycledExceedsReceived);
        }
        RecycledKg += decimal.Round(kg, 2);
        _facts.Add(new LotRecycled(now, Id, partnerId, decimal.Round(kg, 2)));
    }

    private void RequirePartner(Guid partnerId)
    {
        if (PartnerId != partnerId)
        {
            throw new DomainRuleException(Rules.Lot.NotYours);
        }
    }
}

public sealed record LotPickup(Guid PickupId);

/// <summary>What a charity handed out from a lot: counts only, never who received it; the programme and region by code.</summary>
public sealed class Distribution
{
    private Distribution()
    {
        RegionCode = "";
    }

    public Guid Id { get; private set; }
    public Guid LotId { get; private set; }
    public Guid PartnerId { get; private set; }
    public Guid ProgrammeId { get; private set; }
    public DateOnly Date { get; private set; }

    /// <summary>GB/T 2260 code (<see cref="Ledger.RegionCode"/>).</summary>
    public string RegionCode { get; private set; }

    public int Items { get; private set; }
    public int Beneficiaries { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    internal static Distribution Record(Guid lotId, Guid partnerId, Guid programmeId, DateOnly date, Ledger.RegionCode region, int items,
        int beneficiaries, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        if (beneficiaries is < 1 or > Lot.MaxItems)
        {
            throw new DomainRuleException(Rules.Distribution.BeneficiariesOutOfRange);
        }
        if (!IsPlausibleDate(date, receivedAt, now))
        {
            throw new DomainRuleException(Rules.Distribution.DateOutOfRange);
        }
        return new Distribution
        {
            Id = Guid.CreateVersion7(),
            LotId = lotId,
            PartnerId = partnerId,
            ProgrammeId = programmeId,
            Date = date,
            RegionCode = region.Code,
            Items = items,
            Beneficiaries = beneficiaries,
            RecordedAt = now,
        };
    }

    /// <summary>Not before the lot arrived (a day of slack for time zones), and not in the future.</summary>
    public static bool IsPlausibleDate(DateOnly date, DateTimeOffset receivedAt, DateTimeOffset now) =>
        date >= DateOnly.FromDateTime(receivedAt.UtcDateTime).AddDays(-1) && date <= DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
}
