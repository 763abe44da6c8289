using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Hubs;

/// <summary>Shared by the hub's and the partner's views of lots.</summary>
public static class LotViews
{
    public static async Task<IReadOnlyList<LotDto>> ToDtosAsync(IAppDbContext db, IReadOnlyCollection<Lot> lots, CancellationToken ct)
    {
        var partnerIds = lots.Where(l => l.PartnerId is not null).Select(l => l.PartnerId!.Value).Distinct().ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new NameDto(p.Name.English, p.Name.Chinese), ct);
        var cityIds = lots.Select(l => l.CityId).Distinct().ToList();
        var cities = await db.Cities.AsNoTracking().Where(c => cityIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new NameDto(c.Name.English, c.Name.Chinese), ct);
        return [.. lots.Select(l => new LotDto(l.Id, l.Stream, l.Kg, l.Categories.Each(), l.Status, l.SortedAt, l.Pickups.Count,
            l.PartnerId, l.PartnerId is { } p ? partners.GetValueOrDefault(p) : null, l.ReceivedKg, l.ReceivedItems, l.DistributedItems,
            l.RecycledKg, l.ReceiptNote, l.CityId, cities[l.CityId], l.Version))];
    }
}
