using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Ledger;

/// <summary>
/// A donor's receipt: what was given (described, never valued), what it weighed, where it went and
/// the ledger entries that prove it, with the receipt code that opens the donor commitment.
/// </summary>
public sealed record ReceiptDto(
    string Reference, PickupStatus Status, IReadOnlyList<ItemCategories> Categories, ItemCondition Condition, int Bags, decimal Kg,
    DateTimeOffset CollectedAt, string TimeZone, NameDto City, NameDto? Hub, NameDto? Charity, string? ReceiptCode, string Commitment,
    IReadOnlyList<ReceiptLotDto> Lots, IReadOnlyList<ProvenEntryDto> Entries);

/// <summary>"Where did my clothes go": a lot the pickup was sorted into, who received it and what they did with it.</summary>
public sealed record ReceiptLotDto(Guid Id, LotStream Stream, decimal Kg, LotStatus Status, NameDto? Partner, decimal? ReceivedKg,
    decimal RecycledKg, IReadOnlyList<DistributionDto> Distributions);

public sealed class DonorReceipts(IAppDbContext db, DonorCommitments commitments, LedgerQueries ledger, Regions.RegionCatalogue regions)
{
    public async Task<ReceiptDto> GetMineAsync(Guid consumerId, string reference, CancellationToken ct)
    {
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var pickup = await db.Pickups.AsNoTracking().SingleOrDefaultAsync(p => p.Reference == canonical && p.ConsumerId == consumerId, ct)
            ?? throw new NotFoundException("pickup", reference);
        if (pickup.LedgerCommitment is not { } commitment || pickup.Collection is not { } collection)
        {
            throw new DomainRuleException(Rules.Receipt.NotReady);
        }
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == pickup.CityId, ct);
        var hub = await (from c in db.Couriers
                         join h in db.Hubs on c.HubId equals h.Id
                         where c.Id == pickup.CourierId
                         select new NameDto(h.Name.English, h.Name.Chinese)).SingleOrDefaultAsync(ct);
        NameDto? charity = null;
        if (pickup.Donation.CharityId is { } charityId)
        {
            charity = await db.Partners.AsNoTracking().Where(p => p.Id == charityId)
                .Select(p => new NameDto(p.Name.English, p.Name.Chinese)).SingleOrDefaultAsync(ct);
        }
        var lots = await db.Lots.AsNoTracking().Where(l => l.Pickups.Any(p => p.PickupId == pickup.Id)).OrderBy(l => l.Stream).ToListAsync(ct);
        var lotViews = await LotViews.ToDtosAsync(db, lots, ct);
        var lotIds = lots.Select(l => l.Id).ToList();
        var distributions = (await DistributionViews.ToDtosAsync(db, regions, db.Distributions.AsNoTracking().Where(d => lotIds.Contains(d.LotId)), ct))
            .OrderBy(d => d.Date).ToList();
        var receiptLots = lotViews.Select(l => new ReceiptLotDto(l.Id, l.Stream, l.Kg, l.Status, l.Partner, l.ReceivedKg, l.RecycledKg,
            [.. distributions.Where(d => d.LotId == l.Id)])).ToList();
        var subjects = lotIds.Select(id => id.ToString("D")).Append(commitment).ToList();
        var collectedAt = pickup.Timeline.Where(e => e.To == PickupStatus.PickedUp).Select(e => e.At).DefaultIfEmpty(pickup.WindowStart).Max();
        var categories = pickup.Donation.Categories.Each();
        return new ReceiptDto(PickupReference.Format(pickup.Reference), pickup.Status, categories, pickup.Donation.Condition, collection.Bags,
            collection.WeightKg, collectedAt, city.TimeZoneId, new NameDto(city.Name.English, city.Name.Chinese), hub, charity,
            await commitments.ReceiptCodeAsync(pickup, ct), commitment, receiptLots, await ledger.BySubjectsAsync(subjects, ct));
    }
}
