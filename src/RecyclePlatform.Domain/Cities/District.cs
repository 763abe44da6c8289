using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Cities;

/// <summary>An area of a city that couriers serve; its centre seeds routing and maps.</summary>
public sealed class District
{
    internal District(Guid id, Guid cityId, string slug, LocalizedName name, GeoPoint centre)
    {
        Id = id;
        CityId = cityId;
        Slug = slug;
        Name = name;
        Centre = centre;
    }

    private District()
    {
        Slug = "";
        Name = null!;
        Centre = null!;
    }

    public Guid Id { get; private set; }
    public Guid CityId { get; private set; }
    public string Slug { get; private set; }
    public LocalizedName Name { get; private set; }
    public GeoPoint Centre { get; private set; }
}
