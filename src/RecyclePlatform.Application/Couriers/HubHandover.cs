using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Couriers;

public sealed record HandoverDto(string Reference, string Courier, int Bags, decimal? WeightKg, IReadOnlyList<string> CollectedLabels, long Version);

/// <summary>
/// The hub operator receives what couriers of their hub picked up: bags scanned or ticked off,
/// missing ones flagged. Pickups of another hub are not found.
/// </summary>
public sealed class HubHandover(IAppDbContext db, ICurrentUser user, TimeProvider time, CustodyRecorder custody)
{
    public async Task<IReadOnlyList<HandoverDto>> WaitingAsync(CancellationToken ct)
    {
        var hubId = user.HubId ?? throw new NotFoundException("hub", Guid.Empty);
        var rows = await (from p in db.Pickups.AsNoTracking()
                          join c in db.Couriers on p.CourierId equals c.Id
                          where c.HubId == hubId && p.Status == PickupStatus.PickedUp
                          orderby c.DisplayName, p.WindowStart
                          select new { p, c.DisplayName })
            .ToListAsync(ct);
        return [.. rows.Select(r => new HandoverDto(PickupReference.Format(r.p.Reference), r.DisplayName, r.p.Collection?.Bags ?? 0,
            r.p.Collection?.WeightKg, [.. r.p.Labels.Where(l => l.Collected).OrderBy(l => l.BagNumber).Select(l => l.LabelId)], r.p.Version))];
    }

    /// <returns>The labels flagged missing.</returns>
    /// <param name="intakeKg">What the hub's scale says; flagged when it disagrees with the door weight.</param>
    public async Task<IReadOnlyList<string>> ReceiveAsync(string reference, IReadOnlyCollection<string> labels, string? note,
        long? expectedVersion, CancellationToken ct, decimal? intakeKg = null)
    {
        var hubId = user.HubId ?? throw new NotFoundException("hub", Guid.Empty);
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var pickup = await (from p in db.Pickups
                            join c in db.Couriers on p.CourierId equals c.Id
                            where p.Reference == canonical && c.HubId == hubId
                            select p).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("pickup", reference);
        VersionGuard.EnsureCurrent("pickup", pickup, pickup.Status.ToString(), expectedVersion);
        IReadOnlyList<string> missing;
        try
        {
            missing = pickup.ReceiveAtHub(labels, note, time.GetUtcNow(), intakeKg);
        }
        catch (DomainRuleException rule)
        {
            throw await ForeignLabels.ExplainAsync(db, rule, ct);
        }
        await custody.RecordAsync(ct);
        await VersionGuard.SaveOrReportStaleAsync(db, pickup, "pickup", nameof(Pickup.Status), ct);
        return missing;
    }
}
