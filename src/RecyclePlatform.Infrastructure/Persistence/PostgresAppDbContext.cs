using Microsoft.EntityFrameworkCore;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>PostgreSQL, the system of record in production and in tests.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // timestamptz takes only UTC; normalise so callers may pass any offset, as on SQLite.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
