using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Hubs;

namespace RecyclePlatform.Application.Partners;

/// <summary>A lot allocated to the signed-in partner, at the version the caller saw; another partner's lot is not found.</summary>
public static class MyLot
{
    public static async Task<(Lot Lot, Guid PartnerId)> LoadAsync(IAppDbContext db, ICurrentUser user, Guid lotId, long? expectedVersion, CancellationToken ct)
    {
        var partnerId = user.RequirePartner();
        var lot = await db.Lots.SingleOrDefaultAsync(l => l.Id == lotId && l.PartnerId == partnerId, ct) ?? throw new NotFoundException("lot", lotId);
        VersionGuard.EnsureCurrent("lot", lot, lot.Status.ToString(), expectedVersion);
        return (lot, partnerId);
    }
}
