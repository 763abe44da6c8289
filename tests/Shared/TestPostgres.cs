using Npgsql;

namespace RecyclePlatform.Tests;

/// <summary>
/// A fresh, empty PostgreSQL database for one fixture, on the throwaway server that
/// scripts/test.sh starts (RECYCLE_TEST_POSTGRES). Dropped again when the fixture ends.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    public const string Variable = "RECYCLE_TEST_POSTGRES";

    /// <summary>The same server as the app's own role, which owns nothing (scripts/test.sh creates it).</summary>
    public const string AppVariable = "RECYCLE_TEST_POSTGRES_APP";

    private readonly string _admin;

    private TestPostgres(string admin, string name, string connectionString, string appConnectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
        AppConnectionString = appConnectionString;
    }

    public string Name { get; }

    /// <summary>As the owner of the database and, once migrated, of its tables.</summary>
    public string ConnectionString { get; }

    /// <summary>As the app's least-privilege role: only the rights the owner grants it when it migrates.</summary>
    public string AppConnectionString { get; }

    public static async Task<TestPostgres> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with `bash scripts/test.sh`, which starts a throwaway PostgreSQL and sets it.");
        }
        var name = $"rp_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        var app = Environment.GetEnvironmentVariable(AppVariable);
        if (string.IsNullOrWhiteSpace(app))
        {
            throw new InvalidOperationException($"{AppVariable} is not set. Run the tests with `bash scripts/test.sh`, which creates the app's role.");
        }
        var appBuilder = new NpgsqlConnectionStringBuilder(app) { Database = name };
        return new TestPostgres(admin, name, builder.ConnectionString, appBuilder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        // Only this database's pool: other fixtures run in parallel with theirs.
        await using (var own = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(own);
        }
        await using (var app = new NpgsqlConnection(AppConnectionString))
        {
            NpgsqlConnection.ClearPool(app);
        }
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
