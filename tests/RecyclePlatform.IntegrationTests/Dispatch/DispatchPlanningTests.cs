using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.IntegrationTests.Dispatch;

/// <summary>Automatic assignment on PostgreSQL with the real OR-Tools optimiser: feasibility, overfull days, re-optimising, cancelling, drop-outs.</summary>
public sealed class DispatchPlanningTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private DispatchScenario _day = null!;

    public async Task InitializeAsync()
    {
        _services = DispatchScenario.ServicesFor(fixture);
        _day = await DispatchScenario.CreateAsync(fixture, _services);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Optimise_RoutesEveryPickup_InsideItsWindow_WithinCapacity_AndTheShiftsHours()
    {
        var (courierA, shiftA) = await _day.AddShiftAsync(8, 19);
        var (courierB, shiftB) = await _day.AddShiftAsync(11, 19);
        await _day.AddPickupsAsync(24);

        var run = await _day.OptimiseAsync();

        Assert.Equal(DispatchRunStatus.Completed, run.Status);
        Assert.Equal(24, run.Served);
        Assert.Equal(0, run.Unserved);
        Assert.True(run.DrivingMinutes > 0);
        var pickups = await _day.PickupsAsync();
        Assert.All(pickups, p => Assert.Equal(PickupStatus.Assigned, p.Status));
        Assert.All(pickups, p => Assert.Contains(p.ShiftId!.Value, new[] { shiftA, shiftB }));
        Assert.All(pickups, p => Assert.Equal(p.ShiftId == shiftA ? courierA : courierB, p.CourierId));
        // The work is shared: neither courier is left with a handful while the other does the day.
        Assert.InRange(pickups.Count(p => p.ShiftId == shiftA), 6, 18);
        await _day.AssertPlanIsFeasibleAsync();

        // The courier sees the plan in route order on their phone.
        var board = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<DispatchBoard>().GetAsync(_day.City.City.Id, _day.Day, CancellationToken.None));
        Assert.Empty(board.Unassigned);
        Assert.Equal(24, board.Routes.Sum(r => r.Stops.Count));
        Assert.All(board.Routes, r => Assert.Equal(r.Stops.OrderBy(s => s.PlannedArrival).Select(s => s.Reference), r.Stops.Select(s => s.Reference)));
    }

    [Fact]
    public async Task AnOverfullDay_StillGetsAPlan_AndEveryPickupLeftOutIsNamedWithItsReason()
    {
        await _day.AddShiftAsync(8, 19, bags: 10, kg: 400);
        await _day.AddPickupsAsync(9, bags: 3);
        var late = await _day.AddPickupsAsync(1, bags: 1, seed: 7);
        await using (var db = fixture.CreateContext())
        {
            // One pickup whose window starts after every shift has ended, and one bigger than any vehicle.
            var pickup = await db.Pickups.SingleAsync(p => p.Id == late[0]);
            db.Entry(pickup).Property(p => p.WindowStart).CurrentValue = pickup.WindowStart.AddHours(12);
            db.Entry(pickup).Property(p => p.WindowEnd).CurrentValue = pickup.WindowEnd.AddHours(12);
            await db.SaveChangesAsync();
        }
        var huge = await _day.AddPickupsAsync(1, bags: 12, seed: 9);

        var run = await _day.OptimiseAsync();

        Assert.Equal(DispatchRunStatus.Completed, run.Status);
        Assert.Equal(3, run.Served); // 10 bags of capacity: three pickups of three bags
        Assert.Equal(8, run.Unserved);
        var pickups = await _day.PickupsAsync();
        Assert.Equal(UnservedReason.OutOfReach, pickups.Single(p => p.Id == late[0]).UnservedReason);
        Assert.Equal(UnservedReason.TooBig, pickups.Single(p => p.Id == huge[0]).UnservedReason);
        Assert.Equal(6, pickups.Count(p => p.UnservedReason == UnservedReason.DayFull));
        await _day.AssertPlanIsFeasibleAsync();
    }

    [Fact]
    public async Task ADayWithoutShifts_ReportsEveryPickupAsHavingNoShift()
    {
        await _day.AddPickupsAsync(3);

        var run = await _day.OptimiseAsync();

        Assert.Equal(3, run.Unserved);
        Assert.All(await _day.PickupsAsync(), p => Assert.Equal(UnservedReason.NoShift, p.UnservedReason));
    }

    [Fact]
    public async Task ReOptimising_KeepsAStartedStopFirstOnItsCouriersRoute()
    {
        await _day.AddShiftAsync(8, 19);
        await _day.AddShiftAsync(8, 19);
        await _day.AddPickupsAsync(12);
        await _day.OptimiseAsync();
        var started = (await _day.PickupsAsync()).Where(p => p.RouteOrder == 3).First();
        var courierUser = await CourierUserAsync(started.CourierId!.Value);
        await _day.City.AsAsync(courierUser, Roles.Courier, null, sp => sp.GetRequiredService<RecordPickupEventHandler>()
            .HandleAsync(PickupReference.Format(started.Reference), new RecordPickupEventCommand { Type = PickupEventType.EnRoute }, null, null, CancellationToken.None));

        var again = await _day.OptimiseAsync();

        Assert.Equal(DispatchRunStatus.Completed, again.Status);
        var after = (await _day.PickupsAsync()).Single(p => p.Id == started.Id);
        Assert.Equal(PickupStatus.EnRoute, after.Status);
        Assert.Equal(started.ShiftId, after.ShiftId);
        Assert.Equal(started.CourierId, after.CourierId);
        var route = (await _day.PickupsAsync()).Where(p => p.ShiftId == started.ShiftId && p.Status is PickupStatus.Assigned or PickupStatus.EnRoute)
            .OrderBy(p => p.RouteOrder).ToList();
        Assert.Equal(started.Id, route[0].Id);
    }

    [Fact]
    public async Task ALongRun_ShowsProgress_AndCancellingIt_ChangesNothing()
    {
        await using var slow = DispatchScenario.ServicesFor(fixture, maxSeconds: 60);
        var day = await DispatchScenario.CreateAsync(fixture, slow);
        await day.AddShiftAsync(8, 19);
        await day.AddShiftAsync(8, 19);
        await day.AddPickupsAsync(300, bags: 1);
        var before = await day.PickupsAsync();
        var requested = await day.AsDispatcherAsync(sp => sp.GetRequiredService<RequestDispatchRunHandler>().HandleAsync(new(day.City.City.Id, day.Day, DispatchRunKind.Optimise), CancellationToken.None));

        var running = day.RunAsync(requested.Id);
        var seen = await day.SearchingAsync(requested.Id, running);
        Assert.Equal(DispatchRunStatus.Running, seen.Status);
        Assert.InRange(seen.Percent, 1, 99);
        // A second run of the same day is refused while this one searches.
        await Assert.ThrowsAsync<Domain.Common.DomainRuleException>(() => day.AsDispatcherAsync(sp =>
            sp.GetRequiredService<RequestDispatchRunHandler>().HandleAsync(new(day.City.City.Id, day.Day, DispatchRunKind.Optimise), CancellationToken.None)));
        await day.AsDispatcherAsync(sp => sp.GetRequiredService<CancelDispatchRunHandler>().HandleAsync(requested.Id, CancellationToken.None));
        var finished = await running.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(DispatchRunStatus.Cancelled, finished.Status);
        var after = await day.PickupsAsync();
        Assert.Equal(before.Select(p => (p.Id, p.Status, p.CourierId, p.Version)).OrderBy(x => x.Id), after.Select(p => (p.Id, p.Status, p.CourierId, p.Version)).OrderBy(x => x.Id));
    }

    [Fact]
    public async Task ARunWhoseNodeDied_IsInterruptedOnceItsLeaseEnds_AndTheDayIsFreeAgain()
    {
        await _day.AddShiftAsync(8, 19);
        await _day.AddPickupsAsync(3);
        var requested = await RequestAsync();
        // A node took the run 20 s ago and died: it never renewed the 15 s lease.
        await using (var db = fixture.CreateContext())
        {
            var run = await db.DispatchRuns.SingleAsync(r => r.Id == requested.Id);
            run.Start(DateTimeOffset.UtcNow.AddSeconds(-20));
            await db.SaveChangesAsync();
        }
        var untouched = await _day.PickupsAsync();

        var interrupted = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<DispatchRunner>().InterruptAbandonedAsync(CancellationToken.None));
        var after = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<DispatchRunQueries>().GetAsync(requested.Id, CancellationToken.None));
        var again = await RequestAsync();

        Assert.Equal(1, interrupted);
        Assert.Equal(DispatchRunStatus.Failed, after.Status);
        Assert.Equal("dispatch.interrupted", after.Error);
        Assert.Equal(DispatchRunStatus.Queued, again.Status);
        Assert.Equal(untouched.Select(p => p.Version), (await _day.PickupsAsync()).Select(p => p.Version));
    }

    [Fact]
    public async Task ARunThatStillHoldsItsLease_IsLeftAlone_AndCancellingAnAbandonedOne_EndsItAtOnce()
    {
        var requested = await RequestAsync();
        await using (var db = fixture.CreateContext())
        {
            var run = await db.DispatchRuns.SingleAsync(r => r.Id == requested.Id);
            run.Start(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var planner = (Func<IServiceProvider, DispatchRunner>)(sp => sp.GetRequiredService<DispatchRunner>());

        Assert.Equal(0, await _day.AsDispatcherAsync(sp => planner(sp).InterruptAbandonedAsync(CancellationToken.None)));
        await using (var db = fixture.CreateContext())
        {
            await db.DispatchRuns.Where(r => r.Id == requested.Id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.LeaseUntil, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }
        var cancelled = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<CancelDispatchRunHandler>().HandleAsync(requested.Id, CancellationToken.None));

        Assert.Equal(DispatchRunStatus.Failed, cancelled.Status);
        Assert.Equal("dispatch.interrupted", cancelled.Error);
    }

    [Fact]
    public async Task CancellingAQueuedRun_EndsItAtOnce_AndNoNodeRunsItLater()
    {
        await _day.AddShiftAsync(8, 19);
        await _day.AddPickupsAsync(3);
        var requested = await RequestAsync();

        var cancelled = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<CancelDispatchRunHandler>().HandleAsync(requested.Id, CancellationToken.None));
        await DrainQueueAsync();

        Assert.Equal(DispatchRunStatus.Cancelled, cancelled.Status);
        Assert.Equal(DispatchRunStatus.Cancelled, (await _day.AsDispatcherAsync(sp => sp.GetRequiredService<DispatchRunQueries>().GetAsync(requested.Id, CancellationToken.None))).Status);
        Assert.All(await _day.PickupsAsync(), p => Assert.Null(p.CourierId));
    }

    [Fact]
    public async Task AQueuedRun_IsTakenFromTheDatabase_ByAnyNode()
    {
        await _day.AddShiftAsync(8, 19);
        await _day.AddPickupsAsync(4);
        var requested = await RequestAsync();

        // Another node's worker (here: another scope) finds the run without having been told about it.
        var ran = await DrainQueueAsync();
        var done = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<DispatchRunQueries>().GetAsync(requested.Id, CancellationToken.None));

        Assert.True(ran >= 1);
        Assert.Equal(DispatchRunStatus.Completed, done.Status);
        Assert.Null((await LeaseOfAsync(requested.Id)));
    }

    private Task<DispatchRunDto> RequestAsync() =>
        _day.AsDispatcherAsync(sp => sp.GetRequiredService<RequestDispatchRunHandler>().HandleAsync(new(_day.City.City.Id, _day.Day, DispatchRunKind.Optimise), CancellationToken.None));

    /// <summary>Runs queued runs as a worker would, until none is left (other tests' runs share the database).</summary>
    private async Task<int> DrainQueueAsync()
    {
        var ran = 0;
        while (ran < 50 && await _day.AsDispatcherAsync(sp => sp.GetRequiredService<DispatchRunner>().RunNextQueuedAsync(CancellationToken.None)))
        {
            ran++;
        }
        return ran;
    }

    private async Task<DateTimeOffset?> LeaseOfAsync(Guid runId)
    {
        await using var db = fixture.CreateContext();
        return await db.DispatchRuns.Where(r => r.Id == runId).Select(r => r.LeaseUntil).SingleAsync();
    }

    [Fact]
    public async Task APickupChangedDuringTheSearch_FailsTheRun_AndTheDayKeepsItsState()
    {
        await using var slow = DispatchScenario.ServicesFor(fixture, maxSeconds: 60);
        var day = await DispatchScenario.CreateAsync(fixture, slow);
        await day.AddShiftAsync(8, 19);
        var ids = await day.AddPickupsAsync(40, bags: 1);
        var requested = await day.AsDispatcherAsync(sp => sp.GetRequiredService<RequestDispatchRunHandler>().HandleAsync(new(day.City.City.Id, day.Day, DispatchRunKind.Optimise), CancellationToken.None));

        var running = day.RunAsync(requested.Id);
        await day.SearchingAsync(requested.Id, running);
        // Meanwhile the donor's side changes one pickup (its version moves on).
        await using (var db = fixture.CreateContext())
        {
            var pickup = await db.Pickups.SingleAsync(p => p.Id == ids[0]);
            pickup.LeaveUnplanned(UnservedReason.DayFull, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var before = await day.PickupsAsync();
        var finished = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(DispatchRunStatus.Failed, finished.Status);
        Assert.Equal("dispatch.day_changed", finished.Error);
        var after = await day.PickupsAsync();
        Assert.Equal(before.Select(p => (p.Id, p.Status, p.CourierId, p.Version)).OrderBy(x => x.Id), after.Select(p => (p.Id, p.Status, p.CourierId, p.Version)).OrderBy(x => x.Id));
    }

    [Fact]
    public async Task WhenACourierDropsOut_TheirStopsGoToTheOthers_AndEveryoneElseKeepsTheirs()
    {
        var (_, shiftA) = await _day.AddShiftAsync(8, 19);
        var (_, shiftB) = await _day.AddShiftAsync(8, 19);
        await _day.AddPickupsAsync(10);
        await _day.OptimiseAsync();
        var onB = (await _day.PickupsAsync()).Where(p => p.ShiftId == shiftB).Select(p => p.Id).ToHashSet();
        var onA = (await _day.PickupsAsync()).Where(p => p.ShiftId == shiftA).Select(p => p.Id).ToHashSet();
        Assert.NotEmpty(onA);

        var run = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<DropOutOfShiftHandler>().HandleAsync(shiftA, CancellationToken.None));
        var done = await _day.RunAsync(run.Id);

        Assert.Equal(DispatchRunKind.Redistribute, done.Kind);
        Assert.Equal(DispatchRunStatus.Completed, done.Status);
        var after = await _day.PickupsAsync();
        Assert.DoesNotContain(after, p => p.ShiftId == shiftA && p.Status == PickupStatus.Assigned);
        Assert.All(after.Where(p => onB.Contains(p.Id)), p => Assert.Equal(shiftB, p.ShiftId));
        Assert.All(after.Where(p => onA.Contains(p.Id)), p => Assert.True(p.ShiftId == shiftB || p.UnservedReason is not null));
        await _day.AssertPlanIsFeasibleAsync();
    }

    [Fact]
    public async Task WindowCapacity_FollowsTheShifts()
    {
        await using (var db = fixture.CreateContext())
        {
            Assert.All(await db.Slots.Where(s => s.CityId == _day.City.City.Id).ToListAsync(), s => Assert.Equal(200, s.Capacity));
        }
        await _day.AddShiftAsync(8, 13); // covers the 09–12 window only
        await _day.AddShiftAsync(8, 19);

        await using (var db = fixture.CreateContext())
        {
            var slots = await db.Slots.Where(s => s.CityId == _day.City.City.Id).OrderBy(s => s.StartsAt).ToListAsync();
            // 3 places per courier-hour, one district: two couriers × 3 h × 3 = 18, then one courier: 9.
            Assert.Equal([18, 9, 9], slots.Select(s => s.Capacity));
        }
    }

    private async Task<Guid> CourierUserAsync(Guid courierId)
    {
        await using var db = fixture.CreateContext();
        return await db.Couriers.Where(c => c.Id == courierId).Select(c => c.UserId).SingleAsync();
    }
}
