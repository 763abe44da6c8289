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

    /// <summary>Where the development e-mail sender writes; each factory has its own.</summary>
    public string MailFolder { get; } = Directory.CreateTempSubdirectory("rp-mail-").FullName;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Postgres");
        // As in production: the owner migrates and grants, the app runs as a role that owns nothing.
        builder.UseSetting("ConnectionStrings:Default", _database!.AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", _database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("Serilog:Format", "text");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Notifications:Folder", MailFolder);
        builder.UseSetting("Notifications:PollSeconds", "1");
        builder.UseSetting("Ledger:PollMilliseconds", "50");
        builder.UseSetting("Ledger:CheckpointMilliseconds", "100");
        // Every test signs in from 127.0.0.1, many times a minute; the throttle has its own tests.
        builder.UseSetting("RateLimits:AccountRequestsPerIpPerMinute", "100000");
        builder.UseSetting("RateLimits:AccountRequestsPerAddressPerMinute", "100000");
    }

    /// <summary>The database owner's connection, for a test that plays a dishonest operator.</summary>
    public string OwnerConnectionString => _database!.ConnectionString;

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}
