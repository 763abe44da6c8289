using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Ledger;

/// <summary>
/// A donor's receipt: what was given (described, never valued), what it weighed, where it went and
/// the ledger entries that prove it, with the receipt code that opens the donor commitment.
/// </summary>
public sealed record ReceiptDto(
    string Reference, PickupStatus Status, IReadOnlyList<ItemCategories> Categories, ItemCondition Condition, int Bags, decimal Kg,
    DateTimeOffset CollectedAt, string TimeZone, NameDto City, NameDto? Hub, NameDto? Charity, string? ReceiptCode, string Commitment,
    IReadOnlyList<ProvenEntryDto> Entries);

public sealed class DonorReceipts(IAppDbContext db, DonorCommitments commitments, LedgerQueries ledger)
{
    public async Task<ReceiptDto> GetMineAsync(Guid consumerId, string reference, CancellationToken ct)
    {
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var pickup = await db.Pickups.AsNoTracking().SingleOrDefaultAsync(p => p.Reference == canonical && p.ConsumerId == consumerId, ct)
            ?? throw new NotFoundException("pickup", reference);
        if (pickup.LedgerCommitment is not { } commitment || pickup.Collection is not { } collection)
        {
            throw new DomainRuleException("receipt.not_ready");
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
        var collectedAt = pickup.Timeline.Where(e => e.To == PickupStatus.PickedUp).Select(e => e.At).DefaultIfEmpty(pickup.WindowStart).Max();
        var categories = Enum.GetValues<ItemCategories>().Where(c => c != ItemCategories.None && pickup.Donation.Categories.HasFlag(c)).ToList();
        return new ReceiptDto(PickupReference.Format(pickup.Reference), pickup.Status, categories, pickup.Donation.Condition, collection.Bags,
            collection.WeightKg, collectedAt, city.TimeZoneId, new NameDto(city.Name.English, city.Name.Chinese), hub, charity,
            await commitments.ReceiptCodeAsync(pickup, ct), commitment, await ledger.BySubjectAsync(commitment, ct));
    }
}
