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

    public static void MapGeoPoint(this ComplexPropertyBuilder<GeoPoint> point, string prefix)
    {
        point.Property(p => p.Latitude).HasColumnName($"{prefix}_latitude");
        point.Property(p => p.Longitude).HasColumnName($"{prefix}_longitude");
    }
}
