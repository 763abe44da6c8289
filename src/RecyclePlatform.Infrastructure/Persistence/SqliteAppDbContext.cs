using Microsoft.EntityFrameworkCore;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>The embedded default for a zero-set-up `dotnet run`.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type and cannot compare or ORDER BY DateTimeOffset text;
        // UTC ticks sort correctly and round-trip to the same UTC value PostgreSQL returns.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
