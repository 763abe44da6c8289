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

/// <summary>
/// Allocates a lot of the operator's hub: reuse lots to a charity, recycle lots to a recycler, of the hub's city.
/// A custody entry saved with the change.
/// </summary>
public sealed class AllocateLotHandler(IAppDbContext db, ICurrentUser user, CustodyRecorder custody, TimeProvider time)
{
    public async Task<LotDto> HandleAsync(Guid lotId, Guid partnerId, long? expectedVersion, CancellationToken ct)
    {
        var hubId = user.RequireHub();
        var lot = await db.Lots.SingleOrDefaultAsync(l => l.Id == lotId && l.HubId == hubId, ct) ?? throw new NotFoundException("lot", lotId);
        VersionGuard.EnsureCurrent("lot", lot, lot.Status.ToString(), expectedVersion);
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == partnerId, ct) ?? throw new DomainRuleException(Rules.Lot.PartnerNotInCity);
        lot.Allocate(partner, time.GetUtcNow());
        await custody.RecordAsync(ct);
        await VersionGuard.SaveOrReportStaleAsync(db, lot, "lot", nameof(Lot.Status), ct);
        return (await LotViews.ToDtosAsync(db, [lot], ct))[0];
    }
}
