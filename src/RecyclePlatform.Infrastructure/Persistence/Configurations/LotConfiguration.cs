using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class LotConfiguration : IEntityTypeConfiguration<Lot>, IEntityTypeConfiguration<Distribution>, IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Lot> lot)
    {
        lot.HasKey(l => l.Id);
        lot.Property(l => l.Id).ValueGeneratedNever();
        lot.Property(l => l.Stream).HasConversion<string>().HasMaxLength(10);
        lot.Property(l => l.Status).HasConversion<string>().HasMaxLength(10);
        lot.Property(l => l.Kg).HasPrecision(9, 2);
        lot.Property(l => l.ReceivedKg).HasPrecision(9, 2);
        lot.Property(l => l.RecycledKg).HasPrecision(9, 2);
        lot.Property(l => l.ReceiptNote).HasMaxLength(Lot.MaxNote);
        lot.HasOne<Hub>().WithMany().HasForeignKey(l => l.HubId).OnDelete(DeleteBehavior.Restrict);
        lot.HasOne<Partner>().WithMany().HasForeignKey(l => l.PartnerId).OnDelete(DeleteBehavior.Restrict);
        lot.HasIndex(l => new { l.HubId, l.SortedAt });
        lot.HasIndex(l => new { l.PartnerId, l.AllocatedAt });
        lot.OwnsMany(l => l.Pickups, pickups =>
        {
            pickups.ToTable("lot_pickups");
            pickups.WithOwner().HasForeignKey("LotId");
            pickups.HasKey("LotId", nameof(LotPickup.PickupId));
            pickups.HasOne<Pickup>().WithMany().HasForeignKey(p => p.PickupId).OnDelete(DeleteBehavior.Restrict);
            pickups.HasIndex(p => p.PickupId);
        });
        lot.Navigation(l => l.Pickups).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<Distribution> distribution)
    {
        distribution.HasKey(d => d.Id);
        distribution.Property(d => d.Id).ValueGeneratedNever();
        distribution.Property(d => d.RegionCode).HasMaxLength(6);
        distribution.HasOne<Programme>().WithMany().HasForeignKey(d => d.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        distribution.HasOne<Lot>().WithMany().HasForeignKey(d => d.LotId).OnDelete(DeleteBehavior.Restrict);
        distribution.HasIndex(d => new { d.PartnerId, d.Date });
    }

    public void Configure(EntityTypeBuilder<Programme> programme)
    {
        programme.HasKey(p => p.Id);
        programme.Property(p => p.Id).ValueGeneratedNever();
        programme.ComplexProperty(p => p.Name, name => name.MapLocalizedName());
        programme.HasOne<Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Restrict);
        programme.HasIndex(p => p.PartnerId);
    }
}
