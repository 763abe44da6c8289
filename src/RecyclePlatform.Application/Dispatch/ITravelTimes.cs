using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>How fast couriers move in one city: the road detour over the straight line and an average speed.</summary>
public sealed record CityTravel(double DetourFactor, double SpeedKmh)
{
    public static readonly CityTravel Default = new(1.4, 22);
}

/// <summary>
/// Travel times between points, in whole seconds, <c>[from][to]</c>. The great-circle estimate is
/// the default; a road-network matrix (OSRM, Valhalla) can replace it behind this interface.
/// </summary>
public interface ITravelTimes
{
    Task<long[][]> MatrixAsync(IReadOnlyList<GeoPoint> points, CityTravel travel, CancellationToken ct);
}
