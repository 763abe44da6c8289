using Microsoft.EntityFrameworkCore;

namespace RecyclePlatform.Infrastructure.Persistence;

public static class DbContextOptionsExtensions
{
    /// <summary>The one place that says how each provider is configured.</summary>
    public static TBuilder UseRecyclePlatform<TBuilder>(
        this TBuilder builder, DatabaseProvider provider, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        _ = provider switch
        {
            DatabaseProvider.Postgres => builder.UseNpgsql(connectionString,
                npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history")),
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString,
                sqlite => sqlite.MigrationsHistoryTable("ef_migrations_history")),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
        builder.UseSnakeCaseNamingConvention();
        return builder;
    }
}
