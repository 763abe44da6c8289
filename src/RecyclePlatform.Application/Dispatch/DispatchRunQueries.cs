using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Dispatch;

namespace RecyclePlatform.Application.Dispatch;

public sealed record DispatchRunDto(Guid Id, Guid CityId, DateOnly Day, DispatchRunKind Kind, DispatchRunStatus Status, int Percent,
    bool CancelRequested, int Served, int Unserved, int DrivingMinutes, string? Error, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt)
{
    public static DispatchRunDto From(DispatchRun r) =>
        new(r.Id, r.CityId, r.Day, r.Kind, r.Status, r.Percent, r.CancelRequested, r.Served, r.Unserved, r.DrivingMinutes, r.Error, r.RequestedAt, r.FinishedAt);
}

public sealed class DispatchRunQueries(IAppDbContext db, ICurrentUser user)
{
    public async Task<DispatchRunDto> GetAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.DispatchRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException("run", runId);
        user.RequireCity(run.CityId, "run", runId);
        return DispatchRunDto.From(run);
    }
}
