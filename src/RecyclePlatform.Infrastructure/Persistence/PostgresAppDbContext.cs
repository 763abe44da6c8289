using Microsoft.EntityFrameworkCore;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>PostgreSQL, the system of record in production and in tests.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => ApplyConventions(configurationBuilder);

    // timestamptz takes only UTC; normalise so callers may pass any offset, as on SQLite.
    internal static void ApplyConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
}

/// <summary>
/// The same model on a PostgreSQL read replica (ConnectionStrings:Read), for <see cref="Application.Common.IPublicReadDbContext"/>.
/// Never migrated: the replica follows the primary.
/// </summary>
public sealed class PostgresReplicaDbContext(DbContextOptions<PostgresReplicaDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        PostgresAppDbContext.ApplyConventions(configurationBuilder);
}
