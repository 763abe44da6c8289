using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Couriers;

public sealed record HandoverDto(string Reference, string Courier, int Bags, decimal? WeightKg, IReadOnlyList<string> CollectedLabels, long Version);

/// <summary>What couriers of the operator's hub picked up and have not handed over yet. Another hub's are not found.</summary>
public sealed class HandoverQueries(IAppDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<HandoverDto>> WaitingAsync(CancellationToken ct)
    {
        var hubId = user.RequireHub();
        var rows = await (from p in db.Pickups.AsNoTracking()
                          join c in db.Couriers on p.CourierId equals c.Id
                          where c.HubId == hubId && p.Status == PickupStatus.PickedUp
                          orderby c.DisplayName, p.WindowStart
                          select new { p, c.DisplayName })
            .ToListAsync(ct);
        return [.. rows.Select(r => new HandoverDto(PickupReference.Format(r.p.Reference), r.DisplayName, r.p.Collection?.Bags ?? 0,
            r.p.Collection?.WeightKg, [.. r.p.Labels.Where(l => l.Collected).OrderBy(l => l.BagNumber).Select(l => l.LabelId)], r.p.Version))];
    }
}
