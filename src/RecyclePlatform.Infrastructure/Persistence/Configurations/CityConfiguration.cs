using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class CityConfiguration : IEntityTypeConfiguration<City>
{
    public void Configure(EntityTypeBuilder<City> city)
    {
        city.HasKey(c => c.Id);
        city.Property(c => c.Id).ValueGeneratedNever();
        city.Property(c => c.Slug).HasMaxLength(Slug.MaxLength);
        city.HasIndex(c => c.Slug).IsUnique();
        city.ComplexProperty(c => c.Name, name => name.MapLocalizedName());
        city.Property(c => c.TimeZoneId).HasMaxLength(City.MaxTimeZoneLength);
        city.Property(c => c.RegionCode).HasMaxLength(6);
        city.ComplexProperty(c => c.Booking, booking =>
        {
            booking.Property(b => b.FirstWindowHour).HasColumnName("booking_first_window_hour");
            booking.Property(b => b.WindowHours).HasColumnName("booking_window_hours");
            booking.Property(b => b.WindowsPerDay).HasColumnName("booking_windows_per_day");
            booking.Property(b => b.HorizonDays).HasColumnName("booking_horizon_days");
            booking.Property(b => b.CutoffMinutes).HasColumnName("booking_cutoff_minutes");
            booking.Property(b => b.DefaultCapacity).HasColumnName("booking_default_capacity");
            booking.Property(b => b.MinimumKg).HasColumnName("booking_minimum_kg");
        });
        city.HasMany(c => c.Districts).WithOne().HasForeignKey(d => d.CityId).OnDelete(DeleteBehavior.Restrict);
        city.Navigation(c => c.Districts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> district)
    {
        district.HasKey(d => d.Id);
        district.Property(d => d.Id).ValueGeneratedNever();
        district.Property(d => d.Slug).HasMaxLength(Slug.MaxLength);
        district.HasIndex(d => new { d.CityId, d.Slug }).IsUnique();
        district.ComplexProperty(d => d.Name, name => name.MapLocalizedName());
        district.ComplexProperty(d => d.Centre, centre => centre.MapGeoPoint("centre"));
    }
}
