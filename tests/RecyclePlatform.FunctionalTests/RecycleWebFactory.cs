using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RecyclePlatform.Tests;

namespace RecyclePlatform.FunctionalTests;

/// <summary>
/// The whole app on its own fresh PostgreSQL database, migrated and seeded with demo data at
/// start-up exactly as a deployment with those settings would be.
/// </summary>
public class RecycleWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestPostgres? _database;
    private readonly bool _ownsDatabase = true;

    public RecycleWebFactory()
    {
    }

    /// <summary>Another node of <paramref name="first"/>'s deployment: its database, its Redis keys; started after it.</summary>
    /// <summary>With <paramref name="first"/> null, a deployment of its own, as the default constructor.</summary>
    protected RecycleWebFactory(RecycleWebFactory? first)
    {
        if (first is null)
        {
            return;
        }
        _database = first._database ?? throw new InvalidOperationException("Start the first node before its second.");
        _ownsDatabase = false;
        RedisKeyPrefix = first.RedisKeyPrefix;
        // One mailbox: a message may be sent by whichever node runs the notifications job.
        Directory.Delete(MailFolder);
        MailFolder = first.MailFolder;
    }

    /// <summary>This deployment's keys in the test run's one Redis server, apart from every other factory's.</summary>
    public string RedisKeyPrefix { get; } = $"rp-test-{Guid.NewGuid():N}:";

    /// <summary>Where the development e-mail sender writes; each factory has its own.</summary>
    public string MailFolder { get; } = Directory.CreateTempSubdirectory("rp-mail-").FullName;

    public async Task InitializeAsync() => _database ??= await TestPostgres.CreateAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Postgres");
        // As in production: the owner migrates and grants, the app runs as a role that owns nothing.
        builder.UseSetting("ConnectionStrings:Default", _database!.AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", _database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("DemoData:History", "false"); // campaigns and their ledger history: only where a test asks (CampaignDemoTests)
        builder.UseSetting("Serilog:Format", "text");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Notifications:Folder", MailFolder);
        builder.UseSetting("Notifications:PollSeconds", "1");
        builder.UseSetting("Ledger:PollMilliseconds", "50");
        builder.UseSetting("Ledger:CheckpointMilliseconds", "100");
        // Every test signs in from 127.0.0.1, many times a minute; the throttle has its own tests.
        builder.UseSetting("RateLimits:AccountRequestsPerIpPerMinute", "100000");
        builder.UseSetting("RateLimits:AccountRequestsPerAddressPerMinute", "100000");
        // Rate limits are counted in the real Redis that scripts/test.sh starts, as on several nodes.
        builder.UseSetting("Redis:Connection", TestRedis.Connection);
        builder.UseSetting("Redis:KeyPrefix", RedisKeyPrefix);
    }

    /// <summary>The database owner's connection, for a test that plays a dishonest operator.</summary>
    public string OwnerConnectionString => _database!.ConnectionString;

    /// <summary>The app role's connection, as ConnectionStrings:Default holds it.</summary>
    public string AppConnectionString => _database!.AppConnectionString;

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null && _ownsDatabase)
        {
            await _database.DisposeAsync();
        }

        if (_ownsDatabase && Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}
