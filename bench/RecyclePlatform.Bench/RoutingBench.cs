using System.Diagnostics;
using System.Globalization;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Infrastructure.Dispatch;

namespace RecyclePlatform.Bench;

/// <summary>
/// The route optimiser's quality and speed: the Solomon VRPTW instances (Euclidean distances, the
/// instance's fleet and capacity) against the best-known values, and a generated city day.
/// </summary>
internal static class RoutingBench
{
    /// <summary>Solomon's units scaled to whole numbers: times are rounded up (never optimistic), costs to nearest.</summary>
    private const double Scale = 1000;

    public static int Solomon(string dataDir, double seconds, string? only)
    {
        var best = File.ReadLines(Path.Combine(dataDir, "best_known.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(f => (f[0].ToUpperInvariant(), f[3]), f => (Vehicles: int.Parse(f[4], CultureInfo.InvariantCulture), Distance: double.Parse(f[5], CultureInfo.InvariantCulture)));
        var files = Directory.GetFiles(Path.Combine(dataDir, "solomon-100"), "*.txt").Order(StringComparer.Ordinal)
            .Where(f => only is null || Path.GetFileNameWithoutExtension(f).StartsWith(only, StringComparison.OrdinalIgnoreCase)).ToList();
        Console.WriteLine($"== Solomon VRPTW, {files.Count} instances, {seconds:0.#} s limit each, {Environment.ProcessorCount} cores");
        Console.WriteLine("   instance  veh (BKS h/d)  distance   gap vs BKS distance  gap vs BKS hierarchical   seconds  feasible");
        var optimizer = new OrToolsRouteOptimizer();
        var gapsDistance = new List<double>();
        var gapsHierarchical = new List<double>();
        var worstSeconds = 0.0;
        var allFeasible = true;
        foreach (var file in files)
        {
            var instance = SolomonInstance.Parse(file);
            var clock = Stopwatch.StartNew();
            var problem = instance.ToProblem();
            var plan = optimizer.Solve(problem, TimeSpan.FromSeconds(seconds), null, CancellationToken.None);
            var elapsed = clock.Elapsed.TotalSeconds;
            var (distance, feasible) = instance.Evaluate(plan);
            var used = plan.Routes.Count(r => r.Visits.Count > 0);
            var byDistance = best[(instance.Name, "distance")];
            var hierarchical = best[(instance.Name, "hierarchical")];
            var gapD = (distance / byDistance.Distance - 1) * 100;
            var gapH = (distance / hierarchical.Distance - 1) * 100;
            gapsDistance.Add(gapD);
            gapsHierarchical.Add(gapH);
            worstSeconds = Math.Max(worstSeconds, elapsed);
            allFeasible &= feasible;
            Console.WriteLine(FormattableString.Invariant(
                $"   {instance.Name,-8}  {used,3} ({hierarchical.Vehicles,2}/{byDistance.Vehicles,2})  {distance,9:0.00}  {gapD,8:+0.00;-0.00;+0.00} %            {gapH,8:+0.00;-0.00;+0.00} %              {elapsed,6:0.0}  {(feasible ? "yes" : "NO")}"));
        }
        Console.WriteLine(FormattableString.Invariant(
            $"   median gap: {Median(gapsDistance):+0.00;-0.00;+0.00} % vs best-known distance, {Median(gapsHierarchical):+0.00;-0.00;+0.00} % vs best-known hierarchical; mean {gapsDistance.Average():+0.00;-0.00;+0.00} % / {gapsHierarchical.Average():+0.00;-0.00;+0.00} %; slowest {worstSeconds:0.0} s; all feasible: {(allFeasible ? "yes" : "NO")}"));
        return allFeasible ? 0 : 1;
    }

    /// <summary>A generated day: pickups spread over a 25 km city in 2-hour windows, couriers in 8-hour shifts from 3 hubs.</summary>
    public static async Task<int> CityDay(int pickups, int couriers, double seconds)
    {
        Console.WriteLine($"== generated city day: {pickups:N0} pickups, {couriers} couriers, {seconds:0.#} s solver limit");
        var random = new Random(20261128);
        var centre = new GeoPoint(31.2304, 121.4737);
        GeoPoint Around(double radiusKm)
        {
            var r = radiusKm * Math.Sqrt(random.NextDouble());
            var angle = random.NextDouble() * 2 * Math.PI;
            return new GeoPoint(centre.Latitude + (r * Math.Cos(angle) / 111.0),
                centre.Longitude + (r * Math.Sin(angle) / (111.0 * Math.Cos(centre.Latitude * Math.PI / 180))));
        }
        var clock = Stopwatch.StartNew();
        var hubs = Enumerable.Range(0, 3).Select(_ => Around(10)).ToList();
        var points = hubs.Concat(Enumerable.Range(0, pickups).Select(_ => Around(25))).ToList();
        var travel = await new GreatCircleTravelTimes().MatrixAsync(points, CityTravel.Default, CancellationToken.None);
        const long hour = 3600;
        var stops = Enumerable.Range(0, pickups).Select(_ =>
        {
            var start = (9 + (2 * random.Next(0, 5))) * hour; // 09–11 … 17–19
            var bags = random.Next(1, 6);
            return new RouteStop(start, start + (2 * hour), StopServiceTime.Seconds(bags), bags, bags * 4);
        }).ToList();
        var vehicles = Enumerable.Range(0, couriers).Select(c =>
        {
            var start = (c % 2 == 0 ? 8 : 11) * hour;
            return new RouteVehicle(c % 3, c % 3, start, start + (9 * hour), 60, 300);
        }).ToList();
        var problem = new RoutingProblem { DepotCount = hubs.Count, Vehicles = vehicles, Stops = stops, Travel = travel, ExtraStopCost = DayPlan.ExtraStopSeconds };
        var built = clock.Elapsed.TotalSeconds;
        var plan = new OrToolsRouteOptimizer().Solve(problem, TimeSpan.FromSeconds(seconds), null, CancellationToken.None);
        var total = clock.Elapsed.TotalSeconds;
        var violations = RouteCheck.Check(problem, plan);
        var used = plan.Routes.Count(r => r.Visits.Count > 0);
        Console.WriteLine(FormattableString.Invariant(
            $"   matrix {built:0.0} s, total {total:0.0} s; served {pickups - plan.Unserved.Count:N0}, unserved {plan.Unserved.Count}, couriers used {used}, driving {plan.Cost / 3600.0:0.0} h, violations {violations.Count}"));
        return violations.Count == 0 ? 0 : 1;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Customer(double X, double Y, int Demand, int Ready, int Due, int Service);

    private sealed record SolomonInstance(string Name, int Fleet, int Capacity, IReadOnlyList<Customer> Nodes)
    {
        public static SolomonInstance Parse(string path)
        {
            var lines = File.ReadAllLines(path).Select(l => l.Trim()).ToList();
            var vehicleLine = lines.FindIndex(l => l.StartsWith("NUMBER", StringComparison.Ordinal)) + 1;
            var fleet = lines[vehicleLine].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            var nodes = lines.Skip(lines.FindIndex(l => l.StartsWith("CUST", StringComparison.Ordinal)) + 1)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length >= 7 && int.TryParse(f[0], CultureInfo.InvariantCulture, out _))
                .Select(f => new Customer(double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture),
                    int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture), int.Parse(f[5], CultureInfo.InvariantCulture), int.Parse(f[6], CultureInfo.InvariantCulture)))
                .ToList();
            return new SolomonInstance(lines[0].ToUpperInvariant(), fleet[0], fleet[1], nodes);
        }

        private double Distance(int i, int j) => Math.Sqrt(Math.Pow(Nodes[i].X - Nodes[j].X, 2) + Math.Pow(Nodes[i].Y - Nodes[j].Y, 2));

        public RoutingProblem ToProblem()
        {
            var n = Nodes.Count;
            var travel = new long[n][];
            var cost = new long[n][];
            for (var i = 0; i < n; i++)
            {
                travel[i] = new long[n];
                cost[i] = new long[n];
                for (var j = 0; j < n; j++)
                {
                    travel[i][j] = (long)Math.Ceiling(Distance(i, j) * Scale);
                    cost[i][j] = (long)Math.Round(Distance(i, j) * Scale);
                }
            }
            var depot = Nodes[0];
            return new RoutingProblem
            {
                DepotCount = 1,
                Vehicles = [.. Enumerable.Range(0, Fleet).Select(_ => new RouteVehicle(0, 0, 0, depot.Due * (long)Scale, Capacity, Capacity))],
                Stops = [.. Nodes.Skip(1).Select(c => new RouteStop(c.Ready * (long)Scale, c.Due * (long)Scale, c.Service * (long)Scale, c.Demand, c.Demand))],
                Travel = travel,
                Cost = cost,
            };
        }

        /// <summary>Total Euclidean distance in double precision, and feasibility replayed in the instance's own units.</summary>
        public (double Distance, bool Feasible) Evaluate(RoutePlan plan)
        {
            var total = 0.0;
            var feasible = plan.Unserved.Count == 0 && plan.Routes.Count(r => r.Visits.Count > 0) <= Fleet;
            foreach (var route in plan.Routes.Where(r => r.Visits.Count > 0))
            {
                var node = 0;
                var time = 0.0;
                var load = 0;
                foreach (var visit in route.Visits)
                {
                    var next = visit.Stop + 1;
                    total += Distance(node, next);
                    time = Math.Max(time + Distance(node, next), Nodes[next].Ready);
                    feasible &= time <= Nodes[next].Due + 1e-9;
                    time += Nodes[next].Service;
                    load += Nodes[next].Demand;
                    node = next;
                }
                total += Distance(node, 0);
                feasible &= time + Distance(node, 0) <= Nodes[0].Due + 1e-9 && load <= Capacity;
            }
            return (total, feasible);
        }
    }
}
