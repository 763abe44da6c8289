using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.HasKey(n => n.Id);
        notification.Property(n => n.Id).ValueGeneratedNever();
        notification.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        notification.Property(n => n.PickupReference).HasMaxLength(PickupReference.Length + 2);
        notification.Property(n => n.TimeZone).HasMaxLength(64);
        notification.Property(n => n.LastError).HasMaxLength(500);
        // Messages are personal: they go with the account.
        notification.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        notification.HasOne<Pickup>().WithMany().HasForeignKey(n => n.PickupId).OnDelete(DeleteBehavior.Cascade);
        notification.HasOne<Partner>().WithMany().HasForeignKey(n => n.PartnerId).OnDelete(DeleteBehavior.Cascade);
        notification.HasIndex(n => new { n.UserId, n.CreatedAt });
        // The worker's scan: unsent and due.
        notification.HasIndex(n => new { n.EmailSentAt, n.NextAttemptAt });
    }
}
