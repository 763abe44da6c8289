using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class PickupPhotoConfiguration : IEntityTypeConfiguration<PickupPhoto>
{
    public void Configure(EntityTypeBuilder<PickupPhoto> photo)
    {
        photo.HasKey(p => p.Id);
        photo.Property(p => p.Id).ValueGeneratedNever();
        photo.HasOne<Pickup>().WithMany().HasForeignKey(p => p.PickupId).OnDelete(DeleteBehavior.Cascade);
        photo.HasIndex(p => new { p.PickupId, p.Sha256 }).IsUnique();
        photo.Property(p => p.Sha256).HasMaxLength(64);
        photo.Property(p => p.ContentType).HasMaxLength(30);
    }
}
