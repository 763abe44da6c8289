namespace RecyclePlatform.Domain.Common;

/// <summary>A WGS 84 coordinate in decimal degrees.</summary>
public sealed record GeoPoint
{
    public GeoPoint(double latitude, double longitude)
    {
        if (double.IsNaN(latitude) || latitude is < -90 or > 90)
        {
            throw new DomainRuleException("geo.latitude_out_of_range");
        }
        if (double.IsNaN(longitude) || longitude is < -180 or > 180)
        {
            throw new DomainRuleException("geo.longitude_out_of_range");
        }
        Latitude = latitude;
        Longitude = longitude;
    }

    public double Latitude { get; private init; }
    public double Longitude { get; private init; }
}
