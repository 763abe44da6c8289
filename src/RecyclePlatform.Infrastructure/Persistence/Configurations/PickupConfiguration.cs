using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class PickupConfiguration : IEntityTypeConfiguration<Pickup>
{
    public void Configure(EntityTypeBuilder<Pickup> pickup)
    {
        pickup.HasKey(p => p.Id);
        pickup.Property(p => p.Id).ValueGeneratedNever();
        pickup.Property(p => p.Reference).HasMaxLength(PickupReference.Length);
        pickup.HasIndex(p => p.Reference).IsUnique();
        pickup.Property(p => p.LedgerCommitment).HasMaxLength(64);
        pickup.HasIndex(p => p.LedgerCommitment);
        pickup.HasIndex(p => p.CampaignId); // a campaign's givers who chose to appear
        pickup.HasOne<Domain.Campaigns.CollectionPoint>().WithMany().HasForeignKey(p => p.CollectionPointId).OnDelete(DeleteBehavior.Restrict);
        pickup.HasIndex(p => p.CollectionPointId); // the households booked at a point
        pickup.Property(p => p.IntakeKg).HasPrecision(7, 2);
        pickup.Ignore(p => p.ReceivedKg);
        pickup.Ignore(p => p.WeightDiscrepancy);
        pickup.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.ConsumerId).OnDelete(DeleteBehavior.SetNull);
        // "My pickups", newest first, is keyset-paginated on (created_at, id).
        pickup.HasIndex(p => new { p.ConsumerId, p.CreatedAt, p.Id });
        pickup.HasOne<City>().WithMany().HasForeignKey(p => p.CityId).OnDelete(DeleteBehavior.Restrict);
        pickup.HasOne<Slot>().WithMany().HasForeignKey(p => p.SlotId).OnDelete(DeleteBehavior.Restrict);
        pickup.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        pickup.HasOne<Courier>().WithMany().HasForeignKey(p => p.CourierId).OnDelete(DeleteBehavior.Restrict);
        // A courier's day: their stops in route order.
        pickup.HasIndex(p => new { p.CourierId, p.WindowStart, p.RouteOrder });
        pickup.Property(p => p.FailureReason).HasConversion<string>().HasMaxLength(20);
        pickup.Property(p => p.UnservedReason).HasConversion<string>().HasMaxLength(20);
        pickup.HasOne<Domain.Dispatch.Shift>().WithMany().HasForeignKey(p => p.ShiftId).OnDelete(DeleteBehavior.Restrict);
        pickup.ComplexProperty(p => p.Collection, collection =>
        {
            collection.Property(c => c.Bags).HasColumnName("collected_bags");
            collection.Property(c => c.WeightKg).HasColumnName("collected_kg").HasPrecision(7, 2);
            collection.Property(c => c.PhotoSha256).HasColumnName("photo_sha256").HasMaxLength(64);
        });

        pickup.ComplexProperty(p => p.Address, address => address.MapPickupAddress());
        pickup.ComplexProperty(p => p.Donation, donation =>
        {
            donation.Property(d => d.Categories).HasColumnName("categories").HasConversion<string>().HasMaxLength(80);
            donation.Property(d => d.Bags).HasColumnName("bags");
            donation.Property(d => d.Weight).HasColumnName("weight_band").HasConversion<string>().HasMaxLength(20);
            donation.Property(d => d.Condition).HasColumnName("condition").HasConversion<string>().HasMaxLength(20);
            donation.Property(d => d.CharityId).HasColumnName("charity_id");
        });

        pickup.OwnsMany(p => p.Timeline, events =>
        {
            events.ToTable("pickup_events");
            events.WithOwner().HasForeignKey("PickupId");
            events.HasKey(e => e.Id);
            events.Property(e => e.Id).ValueGeneratedNever();
            events.Property(e => e.Actor).HasConversion<string>().HasMaxLength(20);
            events.Property(e => e.From).HasConversion<string>().HasMaxLength(20);
            events.Property(e => e.To).HasConversion<string>().HasMaxLength(20);
            events.Property(e => e.Note).HasMaxLength(PickupEvent.MaxNote);
            events.Property(e => e.Latitude);
            events.Property(e => e.Longitude);
        });
        pickup.Navigation(p => p.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);

        pickup.OwnsMany(p => p.Labels, labels =>
        {
            labels.ToTable("bag_labels");
            labels.WithOwner().HasForeignKey("PickupId");
            labels.HasKey(l => l.LabelId);
            labels.Property(l => l.LabelId).HasMaxLength(PickupReference.Length + 3);
            labels.Property(l => l.Collected);
            labels.Property(l => l.ReceivedAtHub);
        });
        pickup.Navigation(p => p.Labels).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
