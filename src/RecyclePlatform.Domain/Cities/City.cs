using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Cities;

/// <summary>
/// A city the platform serves. Times are stored in UTC and shown in the city's IANA
/// time zone, so each city keeps its own.
/// </summary>
public sealed class City : IVersioned
{
    public const int MaxTimeZoneLength = 64;

    private readonly List<District> _districts = [];

    private City(Guid id, string slug, LocalizedName name, string timeZoneId)
    {
        Id = id;
        Slug = slug;
        Name = name;
        TimeZoneId = timeZoneId;
        Booking = BookingPolicy.Default;
    }

    // For EF Core: complex properties are set after construction.
    private City()
    {
        Slug = "";
        Name = null!;
        TimeZoneId = "";
        Booking = null!;
    }

    public Guid Id { get; private set; }
    public string Slug { get; private set; }
    public LocalizedName Name { get; private set; }
    public string TimeZoneId { get; private set; }
    public BookingPolicy Booking { get; private set; }

    /// <summary>The city's GB/T 2260 division code (110000 for Beijing): where a charity's region search starts.</summary>
    public string? RegionCode { get; private set; }

    public long Version { get; private set; }
    public IReadOnlyCollection<District> Districts => _districts;

    public static City Create(string slug, LocalizedName name, string timeZoneId)
    {
        var zone = timeZoneId?.Trim() ?? "";
        if (zone.Length is 0 or > MaxTimeZoneLength)
        {
            throw new DomainRuleException(Rules.City.TimeZoneRequired);
        }
        return new City(Guid.CreateVersion7(), Common.Slug.Require(slug, Rules.City.SlugInvalid), name, zone);
    }

    public void ChangeBookingPolicy(BookingPolicy policy) => Booking = policy;

    public void PlaceInRegion(Ledger.RegionCode code) => RegionCode = code.Code;

    public District AddDistrict(string slug, LocalizedName name, GeoPoint centre)
    {
        var districtSlug = Common.Slug.Require(slug, Rules.District.SlugInvalid);
        if (_districts.Any(d => d.Slug == districtSlug))
        {
            throw new DomainRuleException(Rules.District.SlugTaken);
        }
        var district = new District(Guid.CreateVersion7(), Id, districtSlug, name, centre);
        _districts.Add(district);
        return district;
    }
}
