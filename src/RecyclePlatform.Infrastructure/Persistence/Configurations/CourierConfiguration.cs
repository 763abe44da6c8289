using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class CourierConfiguration : IEntityTypeConfiguration<Courier>
{
    public void Configure(EntityTypeBuilder<Courier> courier)
    {
        courier.HasKey(c => c.Id);
        courier.Property(c => c.Id).ValueGeneratedNever();
        courier.HasIndex(c => c.UserId).IsUnique();
        courier.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
        courier.HasOne<City>().WithMany().HasForeignKey(c => c.CityId).OnDelete(DeleteBehavior.Restrict);
        courier.HasOne<Hub>().WithMany().HasForeignKey(c => c.HubId).OnDelete(DeleteBehavior.Restrict);
        courier.Property(c => c.DisplayName).HasMaxLength(Courier.MaxDisplayNameLength);
    }
}
