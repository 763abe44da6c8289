namespace RecyclePlatform.Domain.Dispatch;

public enum RouteViolationKind
{
    /// <summary>Service cannot start before the stop's window closes.</summary>
    WindowMissed,

    /// <summary>The vehicle is back at its end depot after its shift ends.</summary>
    ShiftOverrun,
    BagsOverCapacity,
    KgOverCapacity,

    /// <summary>A stop is on two routes, or on none and not reported as unserved.</summary>
    StopNotAccountedFor,
}

public sealed record RouteViolation(RouteViolationKind Kind, int Vehicle, int? Stop);

/// <summary>
/// Replays routes from scratch against a problem: earliest service start at each stop (waiting when
/// early), loads and shift ends. Independent of the optimiser, so it checks the optimiser's plans and
/// gives the warnings of a dispatcher's manual move.
/// </summary>
public static class RouteCheck
{
    /// <summary>The service start at each stop of one vehicle's order, and its return time.</summary>
    public static (long[] ServiceStarts, long ReturnAt) Replay(RoutingProblem problem, int vehicle, IReadOnlyList<int> stops)
    {
        var v = problem.Vehicles[vehicle];
        var starts = new long[stops.Count];
        var node = v.StartDepot;
        var time = v.EarliestStart;
        for (var i = 0; i < stops.Count; i++)
        {
            var stop = problem.Stops[stops[i]];
            var next = problem.NodeOf(stops[i]);
            time = Math.Max(time + problem.Travel[node][next], stop.WindowStart);
            starts[i] = time;
            time += stop.ServiceTime;
            node = next;
        }
        return (starts, time + problem.Travel[node][v.EndDepot]);
    }

    /// <summary>Every broken rule of one route.</summary>
    public static IReadOnlyList<RouteViolation> CheckRoute(RoutingProblem problem, int vehicle, IReadOnlyList<int> stops)
    {
        var violations = new List<RouteViolation>();
        var v = problem.Vehicles[vehicle];
        var (starts, returnAt) = Replay(problem, vehicle, stops);
        for (var i = 0; i < stops.Count; i++)
        {
            if (starts[i] > problem.Stops[stops[i]].WindowEnd)
            {
                violations.Add(new RouteViolation(RouteViolationKind.WindowMissed, vehicle, stops[i]));
            }
        }
        if (stops.Count > 0 && returnAt > v.LatestEnd)
        {
            violations.Add(new RouteViolation(RouteViolationKind.ShiftOverrun, vehicle, null));
        }
        if (stops.Sum(s => problem.Stops[s].Bags) > v.CapacityBags)
        {
            violations.Add(new RouteViolation(RouteViolationKind.BagsOverCapacity, vehicle, null));
        }
        if (stops.Sum(s => problem.Stops[s].Kg) > v.CapacityKg)
        {
            violations.Add(new RouteViolation(RouteViolationKind.KgOverCapacity, vehicle, null));
        }
        return violations;
    }

    /// <summary>Every broken rule of a whole plan, including stops routed twice or lost.</summary>
    public static IReadOnlyList<RouteViolation> Check(RoutingProblem problem, RoutePlan plan)
    {
        var violations = new List<RouteViolation>();
        var seen = new int[problem.Stops.Count];
        foreach (var route in plan.Routes)
        {
            var order = route.Visits.Select(s => s.Stop).ToList();
            violations.AddRange(CheckRoute(problem, route.Vehicle, order));
            foreach (var stop in order)
            {
                seen[stop]++;
            }
        }
        foreach (var stop in plan.Unserved)
        {
            seen[stop]++;
        }
        for (var stop = 0; stop < seen.Length; stop++)
        {
            if (seen[stop] != 1)
            {
                violations.Add(new RouteViolation(RouteViolationKind.StopNotAccountedFor, -1, stop));
            }
        }
        return violations;
    }
}

/// <summary>Why a stop the optimiser left out could not be served, most specific reason first.</summary>
public static class UnservedReasons
{
    public static UnservedReason For(RoutingProblem problem, int stop)
    {
        if (problem.Vehicles.Count == 0)
        {
            return UnservedReason.NoShift;
        }
        var s = problem.Stops[stop];
        if (problem.Vehicles.All(v => s.Bags > v.CapacityBags || s.Kg > v.CapacityKg))
        {
            return UnservedReason.TooBig;
        }
        var node = problem.NodeOf(stop);
        var reachable = problem.Vehicles.Any(v =>
        {
            var start = Math.Max(v.EarliestStart + problem.Travel[v.StartDepot][node], s.WindowStart);
            return start <= s.WindowEnd && start + s.ServiceTime + problem.Travel[node][v.EndDepot] <= v.LatestEnd;
        });
        return reachable ? UnservedReason.DayFull : UnservedReason.OutOfReach;
    }
}
