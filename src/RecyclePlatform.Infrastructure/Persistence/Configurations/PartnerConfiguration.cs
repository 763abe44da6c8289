using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> partner)
    {
        partner.HasKey(p => p.Id);
        partner.Property(p => p.Id).ValueGeneratedNever();
        partner.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        partner.ComplexProperty(p => p.Name, name => name.MapLocalizedName());
        partner.Property(p => p.ContactEmail).HasMaxLength(Partner.MaxEmailLength);
        partner.OwnsMany(p => p.ServedCities, served =>
        {
            served.ToTable("partner_cities");
            served.WithOwner().HasForeignKey("PartnerId");
            served.HasKey("PartnerId", nameof(ServedCity.CityId));
            served.HasOne<City>().WithMany().HasForeignKey(s => s.CityId).OnDelete(DeleteBehavior.Restrict);
        });
        partner.Navigation(p => p.ServedCities).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
