using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application;
using RecyclePlatform.Infrastructure;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.Tests;

namespace RecyclePlatform.IntegrationTests;

/// <summary>
/// A migrated database of one provider for one test class. Tests that must behave the same on
/// both providers are written once against this and run against each (see the sealed subclasses).
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }
    public string ConnectionString { get; protected set; } = "";

    public AppDbContext CreateContext() => Provider switch
    {
        DatabaseProvider.Postgres => new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseRecyclePlatform(Provider, ConnectionString).Options),
        DatabaseProvider.Sqlite => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseRecyclePlatform(Provider, ConnectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(Provider)),
    };

    /// <summary>The application's real service registrations, pointed at this database.</summary>
    public ServiceProvider BuildServices(Action<IServiceCollection>? configure = null) => BuildServices(Provider, ConnectionString, configure);

    /// <summary>The application's real service registrations for any database (a node of a test's own).</summary>
    public static ServiceProvider BuildServices(DatabaseProvider provider, string connectionString, Action<IServiceCollection>? configure = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Default"] = connectionString,
            ["DemoData:Enabled"] = "true",
            ["DemoData:History"] = "false", // the campaigns' custody history: DemoDataSeederTests turn it on
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddApplication();
        services.AddInfrastructure(configuration, new TestHostEnvironment("Testing", Path.GetTempPath()));
        // Web makes the links to its account pages; here a fixed address stands in (the functional tests follow real ones).
        services.AddSingleton<Application.Notifications.IAccountLinks, FixedAccountLinks>();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public abstract Task DisposeAsync();

    protected abstract Task CreateDatabaseAsync();
}

public sealed class PostgresFixture : DatabaseFixture
{
    private TestPostgres? _database;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task CreateDatabaseAsync()
    {
        _database = await TestPostgres.CreateAsync();
        ConnectionString = _database.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>The real SQLite file the zero-set-up `dotnet run` uses, in a temporary folder.</summary>
public sealed class SqliteFixture : DatabaseFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rp-sqlite-").FullName;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task CreateDatabaseAsync()
    {
        ConnectionString = $"Data Source={Path.Combine(_folder, "recycleplatform.db")}";
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Set-password links at a fixed test address: the real ones are Web's, followed by the functional tests.</summary>
internal sealed class FixedAccountLinks : Application.Notifications.IAccountLinks
{
    public Task<string> SetPasswordLinkAsync(Guid userId, CancellationToken ct) =>
        Task.FromResult($"https://recycle.test/Account/SetPassword?user={userId}");
}
