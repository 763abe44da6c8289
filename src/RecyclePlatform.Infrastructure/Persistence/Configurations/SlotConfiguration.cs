using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    public void Configure(EntityTypeBuilder<Slot> slot)
    {
        slot.HasKey(s => s.Id);
        slot.Property(s => s.Id).ValueGeneratedNever();
        slot.HasOne<City>().WithMany().HasForeignKey(s => s.CityId).OnDelete(DeleteBehavior.Restrict);
        slot.HasOne<District>().WithMany().HasForeignKey(s => s.DistrictId).OnDelete(DeleteBehavior.Restrict);
        // One row per district and window: concurrent planners cannot create it twice.
        slot.HasIndex(s => new { s.DistrictId, s.StartsAt }).IsUnique();
        slot.HasIndex(s => new { s.DistrictId, s.LocalDate });
        slot.HasOne<Domain.Campaigns.Campaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Restrict);
        slot.Ignore(s => s.PlacesLeft);
        slot.ToTable(t => t.HasCheckConstraint("ck_slots_booked_within_capacity", "booked >= 0"));
    }
}
