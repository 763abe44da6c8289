namespace RecyclePlatform.Domain.Dispatch;

/// <summary>
/// A vehicle routing problem with time windows, in whole units (seconds for a city day; scaled
/// distance for the Solomon benchmark). Nodes <c>0..DepotCount-1</c> are depots (hubs); stop
/// <c>i</c> is node <c>DepotCount + i</c>. Pure data, so the solver, the checker, the tests and the
/// benchmark all speak the same language.
/// </summary>
public sealed class RoutingProblem
{
    public required int DepotCount { get; init; }
    public required IReadOnlyList<RouteVehicle> Vehicles { get; init; }
    public required IReadOnlyList<RouteStop> Stops { get; init; }

    /// <summary>Travel time between nodes, <c>[from][to]</c>; drives arrival times and windows.</summary>
    public required long[][] Travel { get; init; }

    /// <summary>What the optimiser minimises per arc; the travel time when null.</summary>
    public long[][]? Cost { get; init; }

    /// <summary>Whether stops may be left out (with a penalty) when they cannot all be served.</summary>
    public bool AllowDrops { get; init; } = true;

    /// <summary>
    /// Cost, in the cost's units, of each stop a vehicle takes above an even share of the day
    /// (stops ÷ vehicles, rounded up). Zero optimises travel alone, which may load one courier and
    /// leave another idle; a city day shares the work out.
    /// </summary>
    public long ExtraStopCost { get; init; }

    public int NodeCount => DepotCount + Stops.Count;

    public int NodeOf(int stop) => DepotCount + stop;
}

/// <summary>A shift as the solver sees it: where it starts and ends, its hours and what it can carry.</summary>
public sealed record RouteVehicle(int StartDepot, int EndDepot, long EarliestStart, long LatestEnd, long CapacityBags, long CapacityKg)
{
    /// <summary>A stop already started on this vehicle: it stays first on its route.</summary>
    public int? LockedFirstStop { get; init; }
}

/// <summary>A pickup as the solver sees it: service must start inside [WindowStart, WindowEnd].</summary>
public sealed record RouteStop(long WindowStart, long WindowEnd, long ServiceTime, long Bags, long Kg)
{
    /// <summary>When set, the stop may be reordered but stays with this vehicle (redistributing one courier's stops leaves the others' alone).</summary>
    public int? KeepOnVehicle { get; init; }
}

/// <summary>One vehicle's ordered stops with the time service starts at each, and when it is back.</summary>
public sealed record PlannedRoute(int Vehicle, IReadOnlyList<PlannedVisit> Visits, long ReturnAt);

public sealed record PlannedVisit(int Stop, long ServiceStart);

public enum RoutingOutcome
{
    Solved,
    Cancelled,
    NoSolution,
}

/// <summary>The optimiser's answer: routes (one per vehicle, possibly empty) and the stops left out.</summary>
public sealed record RoutePlan(RoutingOutcome Outcome, IReadOnlyList<PlannedRoute> Routes, IReadOnlyList<int> Unserved, long Cost)
{
    public static RoutePlan Empty(RoutingOutcome outcome, int vehicles, int stops) =>
        new(outcome, [.. Enumerable.Range(0, vehicles).Select(v => new PlannedRoute(v, [], 0))], [.. Enumerable.Range(0, stops)], 0);
}

/// <summary>Reported while a run searches: the share of its time used and the best cost so far.</summary>
public sealed record RoutingProgress(int Percent, int SolutionsFound, long? BestCost);
