namespace RecyclePlatform.Domain.Common;

/// <summary>A WGS 84 coordinate in decimal degrees.</summary>
public sealed record GeoPoint
{
    public GeoPoint(double latitude, double longitude)
    {
        if (double.IsNaN(latitude) || latitude is < -90 or > 90)
        {
            throw new DomainRuleException(Rules.Geo.LatitudeOutOfRange);
        }
        if (double.IsNaN(longitude) || longitude is < -180 or > 180)
        {
            throw new DomainRuleException(Rules.Geo.LongitudeOutOfRange);
        }
        Latitude = latitude;
        Longitude = longitude;
    }

    public double Latitude { get; private init; }
    public double Longitude { get; private init; }

    /// <summary>Great-circle distance (haversine, mean Earth radius 6,371 km).</summary>
    public double DistanceKmTo(GeoPoint other)
    {
        const double EarthRadiusKm = 6371.0;
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2)
                + (Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
