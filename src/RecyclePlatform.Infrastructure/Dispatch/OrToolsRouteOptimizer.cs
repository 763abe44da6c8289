using System.Diagnostics;
using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Domain.Dispatch;

namespace RecyclePlatform.Infrastructure.Dispatch;

/// <summary>
/// The VRPTW on OR-Tools' routing library: a time dimension (travel plus the service time of the
/// stop left) with each stop's window and each shift's hours, two capacity dimensions (bags, kg),
/// and a drop penalty per stop so an overfull day still gets a plan. Parallel cheapest insertion
/// builds the first solution; guided local search improves it until the time limit. Figures:
/// docs/dispatch.md (bench/run.sh routing).
/// </summary>
public sealed class OrToolsRouteOptimizer : IRouteOptimizer
{
    /// <summary>Larger than any route's cost, so serving one more stop always beats a shorter day.</summary>
    private const long DropPenalty = 10_000_000_000;

    /// <summary>
    /// Stops the progress timer and waits for a tick already running: otherwise a late "99 %" could be
    /// reported after the final 100 %, and the run would look unfinished.
    /// </summary>
    private static void StopAndDrain(Timer? timer)
    {
        if (timer is null)
        {
            return;
        }
        using var drained = new ManualResetEvent(false);
        if (timer.Dispose(drained))
        {
            drained.WaitOne();
        }
    }

    public RoutePlan Solve(RoutingProblem problem, TimeSpan timeLimit, IProgress<RoutingProgress>? progress, CancellationToken ct)
    {
        var vehicles = problem.Vehicles.Count;
        if (vehicles == 0 || problem.Stops.Count == 0 || ct.IsCancellationRequested)
        {
            return RoutePlan.Empty(ct.IsCancellationRequested ? RoutingOutcome.Cancelled : RoutingOutcome.Solved, vehicles, problem.Stops.Count);
        }
        var n = problem.NodeCount;
        using var manager = new RoutingIndexManager(n, vehicles,
            [.. problem.Vehicles.Select(v => v.StartDepot)], [.. problem.Vehicles.Select(v => v.EndDepot)]);
        using var routing = new RoutingModel(manager);

        // Time from leaving node i to starting service at j: serve i, then drive.
        var timeMatrix = new long[n][];
        for (var i = 0; i < n; i++)
        {
            var service = i < problem.DepotCount ? 0 : problem.Stops[i - problem.DepotCount].ServiceTime;
            timeMatrix[i] = new long[n];
            for (var j = 0; j < n; j++)
            {
                timeMatrix[i][j] = i == j ? 0 : problem.Travel[i][j] + service;
            }
        }
        var timeCallback = routing.RegisterTransitMatrix(timeMatrix);
        var costCallback = problem.Cost is null ? routing.RegisterTransitMatrix(problem.Travel) : routing.RegisterTransitMatrix(problem.Cost);
        routing.SetArcCostEvaluatorOfAllVehicles(costCallback);

        var horizon = Math.Max(problem.Vehicles.Max(v => v.LatestEnd), problem.Stops.Max(s => s.WindowEnd)) + 1;
        routing.AddDimension(timeCallback, horizon, horizon, false, "Time");
        using var time = routing.GetMutableDimension("Time");
        for (var s = 0; s < problem.Stops.Count; s++)
        {
            var stop = problem.Stops[s];
            time.CumulVar(manager.NodeToIndex(problem.NodeOf(s))).SetRange(stop.WindowStart, stop.WindowEnd);
        }
        for (var v = 0; v < vehicles; v++)
        {
            var vehicle = problem.Vehicles[v];
            time.CumulVar(routing.Start(v)).SetRange(vehicle.EarliestStart, vehicle.LatestEnd);
            time.CumulVar(routing.End(v)).SetRange(vehicle.EarliestStart, vehicle.LatestEnd);
            routing.AddVariableMaximizedByFinalizer(time.CumulVar(routing.Start(v)));
            routing.AddVariableMinimizedByFinalizer(time.CumulVar(routing.End(v)));
        }

        AddLoad(routing, problem, "Bags", s => s.Bags, v => v.CapacityBags);
        AddLoad(routing, problem, "Kg", s => s.Kg, v => v.CapacityKg);

        if (problem.ExtraStopCost > 0)
        {
            // Each stop counts one; stops above an even share cost as much as that much extra driving.
            var share = (problem.Stops.Count + vehicles - 1) / vehicles;
            routing.AddConstantDimension(1, problem.Stops.Count + 1, true, "Stops");
            using var stopsDimension = routing.GetMutableDimension("Stops");
            for (var v = 0; v < vehicles; v++)
            {
                stopsDimension.SetCumulVarSoftUpperBound(routing.End(v), share, problem.ExtraStopCost);
            }
        }

        var locked = new HashSet<int>();
        for (var v = 0; v < vehicles; v++)
        {
            if (problem.Vehicles[v].LockedFirstStop is { } first)
            {
                locked.Add(first);
                routing.NextVar(routing.Start(v)).SetValues([manager.NodeToIndex(problem.NodeOf(first))]);
            }
        }
        for (var s = 0; s < problem.Stops.Count; s++)
        {
            if (problem.Stops[s].KeepOnVehicle is { } keep && !locked.Contains(s))
            {
                // -1 is "not performed": the stop may still be dropped when its route cannot take it.
                routing.VehicleVar(manager.NodeToIndex(problem.NodeOf(s))).SetValues(problem.AllowDrops ? [-1, keep] : [keep]);
            }
        }
        if (problem.AllowDrops)
        {
            for (var s = 0; s < problem.Stops.Count; s++)
            {
                if (!locked.Contains(s))
                {
                    routing.AddDisjunction([manager.NodeToIndex(problem.NodeOf(s))], DropPenalty);
                }
            }
        }

        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.ParallelCheapestInsertion;
        if (problem.Stops.Count > LargeDay)
        {
            // Insertion over every pair is too slow past a few hundred stops (2,000 found no first
            // solution in 50 s): on a large day, insertion and local search look only at each stop's
            // nearest 5 % (at least 20) of the others.
            parameters.GlobalCheapestInsertionFirstSolutionParameters.NeighborsRatio = 0.05;
            parameters.GlobalCheapestInsertionFirstSolutionParameters.MinNeighbors = 20;
            parameters.LsOperatorNeighborsRatio = 0.05;
            parameters.LsOperatorMinNeighbors = 20;
        }
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        parameters.TimeLimit = Duration.FromTimeSpan(timeLimit);

        var solutions = 0;
        long? best = null;
        var clock = Stopwatch.StartNew();
        TimeSpan? lastReport = null;
        int Percent() => (int)Math.Clamp(clock.Elapsed / timeLimit * 100, 1, 99);
        // Reported on each new best solution (at most every 200 ms) and by a timer between them, so a
        // short search reports too and a long quiet stretch still moves the bar.
        VoidToVoid onSolution = () =>
        {
            solutions++;
            best = routing.CostVar().Value();
            if (progress is not null && (lastReport is null || clock.Elapsed - lastReport >= TimeSpan.FromMilliseconds(200)))
            {
                lastReport = clock.Elapsed;
                progress.Report(new RoutingProgress(Percent(), solutions, best));
            }
        };
        routing.AddAtSolutionCallback(onSolution);
        var ticker = progress is null ? null : new Timer(_ => progress.Report(new RoutingProgress(Percent(), solutions, best)), null, 250, 250);
        using var cancel = ct.Register(routing.CancelSearch);

        Assignment? solution;
        try
        {
            solution = routing.SolveWithParameters(parameters);
        }
        finally
        {
            StopAndDrain(ticker);
        }
        GC.KeepAlive(onSolution);
        if (ct.IsCancellationRequested)
        {
            return RoutePlan.Empty(RoutingOutcome.Cancelled, vehicles, problem.Stops.Count);
        }
        if (solution is null)
        {
            return RoutePlan.Empty(RoutingOutcome.NoSolution, vehicles, problem.Stops.Count);
        }

        var routes = new List<PlannedRoute>(vehicles);
        var served = new HashSet<int>();
        for (var v = 0; v < vehicles; v++)
        {
            var order = new List<int>();
            for (var index = solution.Value(routing.NextVar(routing.Start(v))); !routing.IsEnd(index); index = solution.Value(routing.NextVar(index)))
            {
                order.Add(manager.IndexToNode(index) - problem.DepotCount);
            }
            var (starts, returnAt) = RouteCheck.Replay(problem, v, order);
            routes.Add(new PlannedRoute(v, [.. order.Select((stop, i) => new PlannedVisit(stop, starts[i]))], order.Count == 0 ? 0 : returnAt));
            served.UnionWith(order);
        }
        progress?.Report(new RoutingProgress(100, solutions, solution.ObjectiveValue()));
        var unserved = Enumerable.Range(0, problem.Stops.Count).Where(s => !served.Contains(s)).ToList();
        var cost = routes.Sum(r => RouteCost(problem, r));
        return new RoutePlan(RoutingOutcome.Solved, routes, unserved, cost);
    }

    private const int LargeDay = 400;

    private static void AddLoad(RoutingModel routing, RoutingProblem problem, string name, Func<RouteStop, long> demand, Func<RouteVehicle, long> capacity)
    {
        var demands = new long[problem.NodeCount];
        for (var s = 0; s < problem.Stops.Count; s++)
        {
            demands[problem.NodeOf(s)] = demand(problem.Stops[s]);
        }
        var callback = routing.RegisterUnaryTransitVector(demands);
        routing.AddDimensionWithVehicleCapacity(callback, 0, [.. problem.Vehicles.Select(capacity)], true, name);
    }

    /// <summary>The plan's own cost, recomputed from the arcs (without drop penalties).</summary>
    private static long RouteCost(RoutingProblem problem, PlannedRoute route)
    {
        if (route.Visits.Count == 0)
        {
            return 0;
        }
        var matrix = problem.Cost ?? problem.Travel;
        var vehicle = problem.Vehicles[route.Vehicle];
        long cost = 0;
        var node = vehicle.StartDepot;
        foreach (var visit in route.Visits)
        {
            var next = problem.NodeOf(visit.Stop);
            cost += matrix[node][next];
            node = next;
        }
        return cost + matrix[node][vehicle.EndDepot];
    }
}
