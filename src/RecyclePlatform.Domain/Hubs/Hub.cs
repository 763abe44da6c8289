using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Hubs;

/// <summary>A sorting hub: couriers start and end their shifts here and hand over bags.</summary>
public sealed class Hub : IVersioned
{
    public const int MaxAddressLength = 200;

    private Hub(Guid id, Guid cityId, LocalizedName name, string address, GeoPoint location)
    {
        Id = id;
        CityId = cityId;
        Name = name;
        Address = address;
        Location = location;
    }

    private Hub()
    {
        Name = null!;
        Address = "";
        Location = null!;
    }

    public Guid Id { get; private set; }
    public Guid CityId { get; private set; }
    public LocalizedName Name { get; private set; }
    public string Address { get; private set; }
    public GeoPoint Location { get; private set; }
    public long Version { get; private set; }

    public static Hub Create(Guid cityId, LocalizedName name, string address, GeoPoint location)
    {
        var trimmed = address?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxAddressLength)
        {
            throw new DomainRuleException(Rules.Hub.AddressRequired);
        }
        return new Hub(Guid.CreateVersion7(), cityId, name, trimmed, location);
    }
}
