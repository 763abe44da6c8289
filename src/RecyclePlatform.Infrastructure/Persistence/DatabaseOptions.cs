using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace RecyclePlatform.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database to use and when to migrate it, read once at start-up. A setting that
/// cannot work stops the app with a message that names it, rather than failing later.
/// </summary>
/// <param name="MigrationsConnectionString">
/// PostgreSQL only, optional: the owner role that migrates. The app itself then connects with
/// <paramref name="ConnectionString"/> as a role that may read and write rows but own nothing, so it
/// cannot alter, disable the triggers of, or truncate the append-only ledger tables (docs/configuration.md).
/// </param>
/// <param name="ReadConnectionString">
/// PostgreSQL only, optional: a read replica for the public pages that may lag a few seconds behind
/// (<see cref="Application.Common.IPublicReadDbContext"/>); null means they read the primary.
/// </param>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup, string? MigrationsConnectionString = null,
    string? ReadConnectionString = null)
{
    public const string ProviderKey = "Database:Provider";
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";
    public const string ConnectionStringKey = "ConnectionStrings:Default";
    public const string MigrationsConnectionStringKey = "ConnectionStrings:Migrations";
    public const string ReadConnectionStringKey = "ConnectionStrings:Read";

    /// <summary>Where the zero-set-up SQLite database lives, relative to the content root.</summary>
    public const string DefaultSqliteFile = "App_Data/recycleplatform.db";

    public static DatabaseOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var providerText = configuration[ProviderKey];
        var provider = providerText?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException(
                $"{ProviderKey} is '{providerText}', which is not a supported database. Use 'Postgres' or 'Sqlite'."),
        };

        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            // Only a developer's first run gets a database without asking: in any other
            // environment a forgotten setting must not quietly create an empty file.
            if (provider != DatabaseProvider.Sqlite || !environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"{ConnectionStringKey} is required for the {provider} database in the {environment.EnvironmentName} environment " +
                    "(set the environment variable ConnectionStrings__Default).");
            }
            connectionString = $"Data Source={DefaultSqliteFile}";
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = AnchorSqliteFile(connectionString, environment.ContentRootPath);
        }
        else
        {
            connectionString = WithFastDefaults(connectionString);
        }

        var migrateText = configuration[MigrateOnStartupKey];
        bool migrate;
        if (string.IsNullOrWhiteSpace(migrateText))
        {
            migrate = environment.IsDevelopment();
        }
        else if (!bool.TryParse(migrateText, out migrate))
        {
            throw new InvalidOperationException($"{MigrateOnStartupKey} is '{migrateText}'; use true or false.");
        }

        var owner = configuration[MigrationsConnectionStringKey];
        if (string.IsNullOrWhiteSpace(owner))
        {
            owner = null;
        }
        else if (provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException($"{MigrationsConnectionStringKey} is for PostgreSQL, whose roles it separates; SQLite has no roles.");
        }

        var read = configuration[ReadConnectionStringKey];
        if (string.IsNullOrWhiteSpace(read))
        {
            read = null;
        }
        else if (provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException($"{ReadConnectionStringKey} is for a PostgreSQL read replica; SQLite has none.");
        }
        else
        {
            read = WithFastDefaults(read);
        }

        return new DatabaseOptions(provider, connectionString, migrate, owner, read);
    }

    /// <summary>
    /// Unless the connection string says otherwise: statements used twice are prepared on the
    /// server (Npgsql auto-prepare), and a connection going back to the pool skips the DISCARD ALL
    /// round trip (the app keeps no session state: its locks are per transaction, the one session
    /// lock at start-up is released in a finally). Measured in docs/performance.md.
    /// </summary>
    private static string WithFastDefaults(string connectionString)
    {
        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
        // What the string sets itself, in either spelling, is left alone. (Npgsql's own builder says it
        // "contains" every keyword it knows; the generic one holds only the keys written.)
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Says(string key) => written.ContainsKey(key) || written.ContainsKey(key.Replace(" ", "", StringComparison.Ordinal));
        if (!Says("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 100;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!Says("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// SQLite resolves a relative file against the working directory, which differs between
    /// `dotnet run`, tests and containers; anchor it to the content root and create its folder.
    /// </summary>
    private static string AnchorSqliteFile(string connectionString, string contentRoot)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} is not a valid SQLite connection string: {ex.Message}", ex);
        }
        var source = builder.DataSource;
        if (string.IsNullOrWhiteSpace(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} must name a SQLite file; an in-memory database loses its data.");
        }
        if (!Path.IsPathRooted(source))
        {
            source = Path.GetFullPath(Path.Combine(contentRoot, source));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        builder.DataSource = source;
        return builder.ToString();
    }
}
