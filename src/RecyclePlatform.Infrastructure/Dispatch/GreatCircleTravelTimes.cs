using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Infrastructure.Dispatch;

/// <summary>Great-circle distance × the city's detour factor ÷ its speed: no road data needed.</summary>
public sealed class GreatCircleTravelTimes : ITravelTimes
{
    public Task<long[][]> MatrixAsync(IReadOnlyList<GeoPoint> points, CityTravel travel, CancellationToken ct)
    {
        var secondsPerKm = 3600 / travel.SpeedKmh * travel.DetourFactor;
        var matrix = new long[points.Count][];
        for (var i = 0; i < points.Count; i++)
        {
            matrix[i] = new long[points.Count];
        }
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                var seconds = (long)Math.Ceiling(points[i].DistanceKmTo(points[j]) * secondsPerKm);
                matrix[i][j] = seconds;
                matrix[j][i] = seconds;
            }
        }
        return Task.FromResult(matrix);
    }
}
