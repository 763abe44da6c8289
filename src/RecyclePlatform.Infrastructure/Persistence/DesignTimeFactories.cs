using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RecyclePlatform.Infrastructure.Persistence;

// Used only by `dotnet ef` to build the model for a migration; they never open a connection.

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseRecyclePlatform(DatabaseProvider.Postgres, "Host=localhost;Database=design_time")
            .Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseRecyclePlatform(DatabaseProvider.Sqlite, "Data Source=design_time.db")
            .Options);
}
