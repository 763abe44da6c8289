using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Hubs;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> shift)
    {
        shift.HasKey(s => s.Id);
        shift.Property(s => s.Id).ValueGeneratedNever();
        shift.HasOne<Courier>().WithMany().HasForeignKey(s => s.CourierId).OnDelete(DeleteBehavior.Restrict);
        shift.HasOne<City>().WithMany().HasForeignKey(s => s.CityId).OnDelete(DeleteBehavior.Restrict);
        shift.HasOne<Hub>().WithMany().HasForeignKey(s => s.StartHubId).OnDelete(DeleteBehavior.Restrict);
        shift.HasOne<Hub>().WithMany().HasForeignKey(s => s.EndHubId).OnDelete(DeleteBehavior.Restrict);
        // A city's day (the vehicles of a run) and a courier's shifts (overlap checks).
        shift.HasIndex(s => new { s.CityId, s.LocalDate });
        shift.HasIndex(s => new { s.CourierId, s.StartsAt });
        shift.ToTable(t =>
        {
            t.HasCheckConstraint("ck_shifts_hours", "ends_at > starts_at");
            t.HasCheckConstraint("ck_shifts_capacity", "capacity_bags > 0 AND capacity_kg > 0");
        });
    }
}

internal sealed class DispatchRunConfiguration : IEntityTypeConfiguration<DispatchRun>
{
    public void Configure(EntityTypeBuilder<DispatchRun> run)
    {
        run.HasKey(r => r.Id);
        run.Property(r => r.Id).ValueGeneratedNever();
        run.HasOne<City>().WithMany().HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Restrict);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        run.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        run.Property(r => r.Error).HasMaxLength(60);
        run.Ignore(r => r.IsActive);
        run.HasIndex(r => new { r.CityId, r.Day, r.RequestedAt });
        // One run per city and day at a time, enforced by the database: two requests at the same
        // moment (on two nodes) cannot both start one.
        run.HasIndex(r => new { r.CityId, r.Day }).IsUnique().HasFilter("status IN ('Queued', 'Running')")
            .HasDatabaseName("ux_dispatch_runs_one_active");
    }
}
