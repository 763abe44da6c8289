using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Impact;

/// <summary>
/// The signed-in donor stops sharing their impact: their link is deleted, so its page and card find nothing
/// from now on. Only ever the caller's own link (there is no way to name another's); nothing to stop is fine.
/// </summary>
public sealed class StopSharingImpactHandler(IAppDbContext db, ICurrentUser user)
{
    public async Task HandleAsync(CancellationToken ct)
    {
        var userId = user.Id ?? throw new InvalidOperationException("Stopping sharing needs a signed-in donor.");
        await db.ImpactShareLinks.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
    }
}
