using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Infrastructure.Dispatch;

namespace RecyclePlatform.UnitTests.Dispatch;

/// <summary>The OR-Tools optimiser's plans checked by the independent replay (RouteCheck), and the replay itself on hand-made routes.</summary>
public sealed class RoutingTests
{
    private static readonly TimeSpan Search = TimeSpan.FromSeconds(1);

    /// <summary>A day on a 20 × 20 km grid (1 unit = 1 second at 36 km/h ≈ 100 m... kept abstract): depots at 0 and 1.</summary>
    private static RoutingProblem RandomDay(int stops, int vehicles, long capacityBags, int seed, bool tightWindows = false)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, stops + 2).Select(_ => (X: random.Next(0, 20_000), Y: random.Next(0, 20_000))).ToList();
        var travel = points.Select(a => points.Select(b => (long)Math.Ceiling(Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2)) / 6)).ToArray()).ToArray();
        return new RoutingProblem
        {
            DepotCount = 2,
            Vehicles = [.. Enumerable.Range(0, vehicles).Select(v => new RouteVehicle(v % 2, v % 2, 8 * 3600, 19 * 3600, capacityBags, 500))],
            Stops = [.. Enumerable.Range(0, stops).Select(i =>
            {
                var start = (9 + (3 * (i % 3))) * 3600L;
                var bags = 1 + (i % 4);
                return new RouteStop(start, start + (tightWindows ? 1800 : 3 * 3600), StopServiceTime.Seconds(bags), bags, bags * 5);
            })],
            Travel = travel,
        };
    }

    [Fact]
    public void EveryPlan_IsFeasible_AndAccountsForEveryStop()
    {
        var problem = RandomDay(60, 4, 60, seed: 1);

        var plan = new OrToolsRouteOptimizer().Solve(problem, Search, null, CancellationToken.None);

        Assert.Equal(RoutingOutcome.Solved, plan.Outcome);
        Assert.Empty(RouteCheck.Check(problem, plan));
        Assert.Empty(plan.Unserved);
        Assert.Equal(60, plan.Routes.Sum(r => r.Visits.Count));
        Assert.All(plan.Routes.SelectMany(r => r.Visits), v => Assert.InRange(v.ServiceStart, problem.Stops[v.Stop].WindowStart, problem.Stops[v.Stop].WindowEnd));
    }

    [Fact]
    public void AnExtraStopCost_SharesTheDayOut()
    {
        var day = RandomDay(30, 3, 200, seed: 6);
        var balanced = new RoutingProblem { DepotCount = 2, Vehicles = day.Vehicles, Stops = day.Stops, Travel = day.Travel, ExtraStopCost = 600 };

        var plan = new OrToolsRouteOptimizer().Solve(balanced, Search, null, CancellationToken.None);

        Assert.Empty(RouteCheck.Check(balanced, plan));
        Assert.All(plan.Routes, r => Assert.InRange(r.Visits.Count, 7, 13));
    }

    [Fact]
    public void AnOverfullDay_DropsStops_WithTheirReasons_AndServesTheRestFeasibly()
    {
        var problem = RandomDay(40, 2, 12, seed: 2, tightWindows: true);

        var plan = new OrToolsRouteOptimizer().Solve(problem, Search, null, CancellationToken.None);

        Assert.NotEmpty(plan.Unserved);
        Assert.Empty(RouteCheck.Check(problem, plan));
        Assert.All(plan.Routes, r => Assert.True(r.Visits.Sum(v => problem.Stops[v.Stop].Bags) <= 12));
        Assert.All(plan.Unserved, s => Assert.Contains(UnservedReasons.For(problem, s), new[] { UnservedReason.DayFull, UnservedReason.OutOfReach }));
    }

    [Fact]
    public void AStartedStop_StaysFirstOnItsVehicle_AndAKeptStopStaysOnItsOwn()
    {
        var day = RandomDay(20, 3, 60, seed: 3);
        var vehicles = day.Vehicles.ToList();
        vehicles[2] = vehicles[2] with { LockedFirstStop = 7 };
        var stops = day.Stops.ToList();
        stops[11] = stops[11] with { KeepOnVehicle = 1 };
        var problem = new RoutingProblem { DepotCount = 2, Vehicles = vehicles, Stops = stops, Travel = day.Travel };

        var plan = new OrToolsRouteOptimizer().Solve(problem, Search, null, CancellationToken.None);

        Assert.Equal(7, plan.Routes[2].Visits[0].Stop);
        Assert.Contains(plan.Routes[1].Visits, v => v.Stop == 11);
        Assert.Empty(RouteCheck.Check(problem, plan));
    }

    [Fact]
    public void Cancelling_StopsTheSearch_AndReturnsNoPlan()
    {
        var problem = RandomDay(150, 6, 60, seed: 4);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var reported = new List<RoutingProgress>();

        var plan = new OrToolsRouteOptimizer().Solve(problem, TimeSpan.FromSeconds(60), new SynchronousProgress(reported.Add), cancel.Token);

        Assert.Equal(RoutingOutcome.Cancelled, plan.Outcome);
        Assert.Equal(150, plan.Unserved.Count);
        Assert.All(plan.Routes, r => Assert.Empty(r.Visits));
    }

    [Fact]
    public void Progress_IsReported_UpToOneHundred()
    {
        var problem = RandomDay(30, 2, 60, seed: 5);
        var reported = new List<RoutingProgress>();

        new OrToolsRouteOptimizer().Solve(problem, Search, new SynchronousProgress(p => { lock (reported) { reported.Add(p); } }), CancellationToken.None);

        Assert.Contains(reported, p => p.Percent is > 0 and < 100);
        Assert.Equal(100, reported[^1].Percent);
        Assert.True(reported[^1].SolutionsFound > 0);
    }

    /// <summary>
    /// A hand-made day: depot at 0; stop 0 ten minutes away, window 09:00–09:30; stop 1 ten minutes
    /// beyond, window 09:00–09:05 (missed: the courier gets there at 09:15 at the earliest).
    /// </summary>
    [Fact]
    public void TheReplay_FindsEachBrokenRule()
    {
        long[][] travel = [[0, 600, 1200], [600, 0, 600], [1200, 600, 0]];
        var problem = new RoutingProblem
        {
            DepotCount = 1,
            Vehicles = [new RouteVehicle(0, 0, 8 * 3600, (9 * 3600) + 1800, 3, 100)],
            Stops = [new RouteStop(9 * 3600, (9 * 3600) + 1800, 300, 2, 10), new RouteStop(9 * 3600, (9 * 3600) + 300, 300, 2, 10)],
            Travel = travel,
        };

        var (starts, back) = RouteCheck.Replay(problem, 0, [0, 1]);
        Assert.Equal([9 * 3600, (9 * 3600) + 300 + 600], starts);
        Assert.Equal((9 * 3600) + 900 + 300 + 1200, back);
        var violations = RouteCheck.CheckRoute(problem, 0, [0, 1]);
        Assert.Equal(
            [new RouteViolation(RouteViolationKind.WindowMissed, 0, 1), new RouteViolation(RouteViolationKind.ShiftOverrun, 0, null), new RouteViolation(RouteViolationKind.BagsOverCapacity, 0, null)],
            violations);
        var lost = new RoutePlan(RoutingOutcome.Solved, [new PlannedRoute(0, [new PlannedVisit(0, 9 * 3600)], 0)], [], 0);
        Assert.Contains(new RouteViolation(RouteViolationKind.StopNotAccountedFor, -1, 1), RouteCheck.Check(problem, lost));
    }

    [Fact]
    public void UnservedReasons_AreTheMostSpecificOne()
    {
        long[][] travel = [[0, 600, 600, 600], [600, 0, 1, 1], [600, 1, 0, 1], [600, 1, 1, 0]];
        var vehicle = new RouteVehicle(0, 0, 8 * 3600, 12 * 3600, 5, 100);
        RoutingProblem With(params RouteVehicle[] vehicles) => new()
        {
            DepotCount = 1,
            Vehicles = vehicles,
            Stops =
            [
                new RouteStop(9 * 3600, 10 * 3600, 300, 8, 10),       // 8 bags: more than the vehicle's 5
                new RouteStop(13 * 3600, 14 * 3600, 300, 1, 1),       // after the shift
                new RouteStop(9 * 3600, 10 * 3600, 300, 1, 1),        // fine, but the day may be full
            ],
            Travel = travel,
        };

        Assert.Equal(UnservedReason.NoShift, UnservedReasons.For(With(), 2));
        Assert.Equal(UnservedReason.TooBig, UnservedReasons.For(With(vehicle), 0));
        Assert.Equal(UnservedReason.OutOfReach, UnservedReasons.For(With(vehicle), 1));
        Assert.Equal(UnservedReason.DayFull, UnservedReasons.For(With(vehicle), 2));
    }

    [Fact]
    public async Task GreatCircleTravel_UsesTheCitysDetourAndSpeed()
    {
        // Tiananmen to the Bird's Nest: about 8.0 km in a straight line.
        GeoPoint[] points = [new(39.9087, 116.3975), new(39.9929, 116.3965)];

        var matrix = await new GreatCircleTravelTimes().MatrixAsync(points, new CityTravel(1.5, 18), CancellationToken.None);

        var km = points[0].DistanceKmTo(points[1]);
        Assert.InRange(km, 9.3, 9.4);
        Assert.Equal((long)Math.Ceiling(km * 1.5 / 18 * 3600), matrix[0][1]);
        Assert.Equal(matrix[0][1], matrix[1][0]);
        Assert.Equal(0, matrix[0][0]);
    }

    [Fact]
    public void Options_GiveEachCityItsOwnTravel_AndScaleTheSearchWithTheDay()
    {
        var options = new DispatchOptions { DetourFactor = 1.3, SpeedKmh = 20, MinSearchSeconds = 2, MaxSearchSeconds = 30 };
        options.Cities["shanghai"] = new CityTravelOptions { SpeedKmh = 15 };
        var shanghai = RecyclePlatform.Domain.Cities.City.Create("shanghai", new LocalizedName("Shanghai", "上海"), "Asia/Shanghai");
        var beijing = RecyclePlatform.Domain.Cities.City.Create("beijing", new LocalizedName("Beijing", "北京"), "Asia/Shanghai");

        Assert.Equal(new CityTravel(1.3, 15), options.TravelFor(shanghai));
        Assert.Equal(new CityTravel(1.3, 20), options.TravelFor(beijing));
        Assert.Equal(TimeSpan.FromSeconds(2), options.SearchTimeFor(5));
        Assert.Equal(TimeSpan.FromSeconds(12), options.SearchTimeFor(120));
        Assert.Equal(TimeSpan.FromSeconds(30), options.SearchTimeFor(2_000));
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and arrive late).</summary>
    private sealed class SynchronousProgress(Action<RoutingProgress> report) : IProgress<RoutingProgress>
    {
        public void Report(RoutingProgress value) => report(value);
    }
}
