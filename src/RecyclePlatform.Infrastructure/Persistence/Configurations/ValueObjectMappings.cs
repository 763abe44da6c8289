using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

/// <summary>Column names for the shared value objects, so every table spells them the same.</summary>
internal static class ValueObjectMappings
{
    public static void MapLocalizedName(this ComplexPropertyBuilder<LocalizedName> name, string prefix = "name")
    {
        name.Property(n => n.English).HasColumnName($"{prefix}_en").HasMaxLength(LocalizedName.MaxLength);
        name.Property(n => n.Chinese).HasColumnName($"{prefix}_zh").HasMaxLength(LocalizedName.MaxLength);
    }

    /// <summary>Where a courier goes: a pickup's and a team's collection point's address, in the same columns.</summary>
    public static void MapPickupAddress(this ComplexPropertyBuilder<Domain.Pickups.PickupAddress> address)
    {
        address.Property(a => a.DistrictId).HasColumnName("district_id");
        address.Property(a => a.Street).HasColumnName("street").HasMaxLength(Domain.Pickups.PickupAddress.MaxStreet);
        address.Property(a => a.Building).HasColumnName("building").HasMaxLength(Domain.Pickups.PickupAddress.MaxBuilding);
        address.Property(a => a.ContactName).HasColumnName("contact_name").HasMaxLength(Domain.Pickups.PickupAddress.MaxContactName);
        address.Property(a => a.Phone).HasColumnName("phone").HasMaxLength(Domain.Pickups.PickupAddress.MaxPhone);
        address.Property(a => a.AccessNotes).HasColumnName("access_notes").HasMaxLength(Domain.Pickups.PickupAddress.MaxAccessNotes);
        address.Property(a => a.Latitude).HasColumnName("latitude");
        address.Property(a => a.Longitude).HasColumnName("longitude");
    }

    public static void MapGeoPoint(this ComplexPropertyBuilder<GeoPoint> point, string prefix)
    {
        point.Property(p => p.Latitude).HasColumnName($"{prefix}_latitude");
        point.Property(p => p.Longitude).HasColumnName($"{prefix}_longitude");
    }
}
