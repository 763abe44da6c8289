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

/// <summary>A hub operator's view: what waits to be sorted at their hub, its lots, and the partners lots can go to. Another hub's are not found.</summary>
public sealed class HubQueries(IAppDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<SortablePickupDto>> SortableAsync(CancellationToken ct)
    {
        var hubId = user.RequireHub();
        var pickups = await HubQueries.PickupsAt(db, hubId).Where(p => p.Status == PickupStatus.AtHub).OrderBy(p => p.WindowStart).ToListAsync(ct);
        return [.. pickups.Select(p => new SortablePickupDto(PickupReference.Format(p.Reference), p.Collection?.Bags ?? 0, p.ReceivedKg ?? 0,
            p.WeightDiscrepancy, p.Donation.Categories.Each(), p.Donation.Condition))];
    }

    public async Task<IReadOnlyList<LotDto>> LotsAsync(CancellationToken ct)
    {
        var hubId = user.RequireHub();
        var lots = await db.Lots.AsNoTracking().Where(l => l.HubId == hubId).OrderByDescending(l => l.SortedAt).Take(200).ToListAsync(ct);
        return await LotViews.ToDtosAsync(db, lots, ct);
    }

    /// <summary>Charities (for reuse) and recyclers (for recycling) that serve the hub's city.</summary>
    public async Task<IReadOnlyList<PartnerChoiceDto>> PartnersAsync(CancellationToken ct)
    {
        var hubId = user.RequireHub();
        var cityId = await db.Hubs.Where(h => h.Id == hubId).Select(h => h.CityId).SingleAsync(ct);
        var partners = await db.Partners.AsNoTracking().Where(p => p.ServedCities.Any(c => c.CityId == cityId))
            .OrderBy(p => p.Kind).ThenBy(p => p.Name.English).ToListAsync(ct);
        return [.. partners.Select(p => new PartnerChoiceDto(p.Id, p.Kind, new NameDto(p.Name.English, p.Name.Chinese), p.Verified))];
    }

    /// <summary>The pickups brought to one hub: by the couriers based there.</summary>
    public static IQueryable<Pickup> PickupsAt(IAppDbContext db, Guid hubId) =>
        from p in db.Pickups
        join c in db.Couriers on p.CourierId equals c.Id
        where c.HubId == hubId
        select p;
}
