using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;

namespace RecyclePlatform.Application.Dispatch;

public sealed record RequestDispatchRunCommand(Guid CityId, DateOnly Day, DispatchRunKind Kind);

public sealed class RequestDispatchRunValidator : AbstractValidator<RequestDispatchRunCommand>
{
    public RequestDispatchRunValidator()
    {
        // The kind is the endpoint's, not the caller's; the day comes from the URL.
        RuleFor(c => c.Day).InclusiveBetween(CityClock.FirstDay, CityClock.LastDay).WithRule(Rules.Date.OutOfRange);
    }
}

/// <summary>
/// Asks for a dispatch run (automatic assignment) of one city's day: one at a time per city and day. Any node
/// of the cluster runs it (<see cref="DispatchRunner"/>).
/// </summary>
public sealed class RequestDispatchRunHandler(IAppDbContext db, ICurrentUser user, TimeProvider time, IBackgroundJobs jobs,
    IValidator<RequestDispatchRunCommand> validator)
{
    public async Task<DispatchRunDto> HandleAsync(RequestDispatchRunCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var (cityId, day, kind) = (command.CityId, command.Day, command.Kind);
        user.RequireCity(cityId, "city", cityId);
        if (!await db.Cities.AnyAsync(c => c.Id == cityId, ct))
        {
            throw new NotFoundException("city", cityId);
        }
        if (await ActiveRunExistsAsync(cityId, day, ct))
        {
            throw new DomainRuleException(Rules.Dispatch.RunInProgress);
        }
        var run = DispatchRun.Request(cityId, day, kind, time.GetUtcNow());
        if (!await db.TryInsertAsync([run], ct))
        {
            // Another request won the race between the check above and this insert (the unique index of active runs decided).
            throw new DomainRuleException(Rules.Dispatch.RunInProgress);
        }
        // Any node may take it; this asks for it now rather than at the job's next poll.
        await jobs.RunSoonAsync(BackgroundJob.DispatchRuns, CancellationToken.None);
        return DispatchRunDto.From(run);
    }

    private Task<bool> ActiveRunExistsAsync(Guid cityId, DateOnly day, CancellationToken ct) =>
        db.DispatchRuns.AsNoTracking().AnyAsync(r => r.CityId == cityId && r.Day == day
            && DispatchRunStatuses.Active.Contains(r.Status), ct);
}
