using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>
/// Worker side of automatic assignment, run by the clustered dispatch job: takes a queued run, loads the day,
/// solves with the route optimiser while reporting progress and watching for a cancel request, then stores
/// each courier's ordered stops with arrival estimates and each unserved pickup's reason. A cancelled or
/// failed run changes no pickup.
/// </summary>
public sealed class DispatchRunner(IAppDbContext db, TimeProvider time, IRouteOptimizer optimizer, ITravelTimes travel,
    IOptions<DispatchOptions> options, IBackgroundJobs jobs, ILogger<DispatchRunner> logger)
{
    /// <summary>
    /// Worker side: ends the runs whose node stopped renewing their lease (on any node; the version
    /// lets one node win), so that a dead node never blocks a city's day for long.
    /// </summary>
    /// <returns>How many runs were interrupted.</returns>
    public async Task<int> InterruptAbandonedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var abandoned = await db.DispatchRuns
            .Where(r => r.Status == DispatchRunStatus.Running && r.LeaseUntil < now)
            .ToListAsync(ct);
        foreach (var run in abandoned)
        {
            // Logged before Interrupt, which clears the lease.
            logger.LogWarning("Dispatch run {RunId} lost its node (lease ended {LeaseUntil}); marked interrupted", run.Id, run.LeaseUntil);
            run.Interrupt(now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return 0; // another node got there first
        }
        return abandoned.Count;
    }

    /// <summary>Worker side: runs the oldest queued run, if any. False when there was none to take.</summary>
    public async Task<bool> RunNextQueuedAsync(CancellationToken ct)
    {
        var next = await db.DispatchRuns.AsNoTracking().Where(r => r.Status == DispatchRunStatus.Queued)
            .OrderBy(r => r.RequestedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (next is not { } runId)
        {
            return false;
        }
        await RunAsync(runId, ct);
        return true;
    }

    /// <summary>Takes a queued run and does its work; called by the background worker (and directly by tests).</summary>
    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.DispatchRuns.SingleAsync(r => r.Id == runId, ct);
        if (run.Status != DispatchRunStatus.Queued)
        {
            return;
        }
        run.Start(time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return; // another node took it
        }
        try
        {
            await PlanAsync(run, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A courier or donor changed a pickup while the search ran: keep theirs, ask for a new run.
            db.ChangeTracker.Clear();
            await FinishAsync(runId, r => r.Fail(Rules.Dispatch.DayChanged.Code, time.GetUtcNow()), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Dispatch run {RunId} failed", runId);
            db.ChangeTracker.Clear();
            await FinishAsync(runId, r => r.Fail(Rules.Dispatch.Failed.Code, time.GetUtcNow()), ct);
        }
    }

    private async Task PlanAsync(DispatchRun run, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var day = await DayPlan.LoadAsync(db, run.CityId, run.Day, ct);
        var shiftIds = day.Shifts.Select(s => s.Id).ToHashSet();
        // An en-route stop of a shift that no longer works (or was assigned without one) is the courier's to finish.
        var stops = day.Open.Where(p => p.Status != PickupStatus.EnRoute || (p.ShiftId is { } s && shiftIds.Contains(s))).ToList();
        var vehicleOf = day.Shifts.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        Func<Pickup, int?>? keep = run.Kind == DispatchRunKind.Redistribute
            ? p => p.Status == PickupStatus.Assigned && p.ShiftId is { } s && vehicleOf.TryGetValue(s, out var v) ? v : null
            : null;
        var problem = await day.ProblemAsync(stops, day.Shifts, travel, options.Value.TravelFor(day.City), now, keep, ct);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var percent = 0;
        var progress = new Progress<RoutingProgress>(p => Volatile.Write(ref percent, p.Percent));
        var search = Task.Run(() => optimizer.Solve(problem, options.Value.SearchTimeFor(stops.Count), progress, cancel.Token), CancellationToken.None);
        var written = 0;
        while (await Task.WhenAny(search, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None)) != search)
        {
            var reported = Math.Min(Volatile.Read(ref percent), 99);
            // Progress and the lease in one write; the run's version stays, so only a real change conflicts.
            var leaseUntil = time.GetUtcNow() + DispatchRun.LeaseFor;
            written = Math.Max(reported, written);
            var shown = written;
            await db.DispatchRuns.Where(r => r.Id == run.Id && r.Status == DispatchRunStatus.Running)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.Percent, shown).SetProperty(x => x.LeaseUntil, leaseUntil), CancellationToken.None);
            var cancelRequested = await db.DispatchRuns.Where(r => r.Id == run.Id).Select(r => r.CancelRequested).SingleAsync(CancellationToken.None);
            if (cancelRequested || ct.IsCancellationRequested)
            {
                await cancel.CancelAsync();
            }
        }
        var plan = await search;
        // Another node may have set the cancel flag (and the run's version) meanwhile.
        await db.Entry(run).ReloadAsync(CancellationToken.None);
        if (plan.Outcome == RoutingOutcome.Cancelled && ct.IsCancellationRequested)
        {
            // This node is stopping: the run goes back to the queue (or ends, if someone cancelled it meanwhile).
            run.Release(time.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            if (run.Status == DispatchRunStatus.Queued)
            {
                logger.LogInformation("Dispatch run {RunId} released back to the queue: this node is stopping", run.Id);
                await jobs.RunSoonAsync(BackgroundJob.DispatchRuns, CancellationToken.None);
            }
            return;
        }
        if (plan.Outcome == RoutingOutcome.Cancelled || run.CancelRequested)
        {
            run.Cancelled(time.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }
        if (plan.Outcome == RoutingOutcome.NoSolution)
        {
            // No plan within the time limit: the day keeps the routes it had rather than losing them all.
            run.Fail(Rules.Dispatch.NoSolution.Code, time.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        // The pickups are still tracked as loaded: a courier's or donor's change during the search makes
        // their version differ, and the one save below fails as a whole (RunAsync reports day_changed).
        var applied = time.GetUtcNow();
        foreach (var route in plan.Routes)
        {
            var shift = day.Shifts[route.Vehicle];
            var position = day.DonePositions.GetValueOrDefault(shift.Id);
            foreach (var visit in route.Visits)
            {
                var pickup = stops[visit.Stop];
                position++;
                if (pickup.Status == PickupStatus.EnRoute)
                {
                    pickup.Reposition(position, day.At(visit.ServiceStart));
                }
                else
                {
                    pickup.Plan(shift.CourierId, shift.Id, position, day.At(visit.ServiceStart), applied);
                }
            }
        }
        foreach (var stop in plan.Unserved)
        {
            stops[stop].LeaveUnplanned(UnservedReasons.For(problem, stop), applied);
        }
        // A city day's cost matrix is its travel times, so the plan's cost is its driving.
        run.Complete(stops.Count - plan.Unserved.Count, plan.Unserved.Count, (int)Math.Round(plan.Cost / 60.0), applied);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task FinishAsync(Guid runId, Action<DispatchRun> finish, CancellationToken ct)
    {
        var run = await db.DispatchRuns.SingleAsync(r => r.Id == runId, ct);
        if (run.IsActive)
        {
            finish(run); // else another node already interrupted it
            await db.SaveChangesAsync(ct);
        }
    }
}
