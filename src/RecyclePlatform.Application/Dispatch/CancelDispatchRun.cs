using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>Asks a dispatch run to stop. Any node may ask; the node running it sees the flag within a second and stops the search.</summary>
public sealed class CancelDispatchRunHandler(IAppDbContext db, ICurrentUser user, TimeProvider time)
{
    public async Task<DispatchRunDto> HandleAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.DispatchRuns.SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException("run", runId);
        user.RequireCity(run.CityId, "run", runId);
        run.RequestCancel(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return DispatchRunDto.From(run);
    }
}
