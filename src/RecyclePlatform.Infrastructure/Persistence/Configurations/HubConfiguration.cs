using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Hubs;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class HubConfiguration : IEntityTypeConfiguration<Hub>
{
    public void Configure(EntityTypeBuilder<Hub> hub)
    {
        hub.HasKey(h => h.Id);
        hub.Property(h => h.Id).ValueGeneratedNever();
        hub.HasOne<City>().WithMany().HasForeignKey(h => h.CityId).OnDelete(DeleteBehavior.Restrict);
        hub.ComplexProperty(h => h.Name, name => name.MapLocalizedName());
        hub.Property(h => h.Address).HasMaxLength(Hub.MaxAddressLength);
        hub.ComplexProperty(h => h.Location, location => location.MapGeoPoint("location"));
    }
}
