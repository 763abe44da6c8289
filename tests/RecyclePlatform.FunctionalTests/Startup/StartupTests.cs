using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Startup;

/// <summary>How the app starts with the settings a newcomer or an operator gives it.</summary>
public sealed class StartupTests
{
    private sealed class ConfiguredFactory(string environment, IReadOnlyDictionary<string, string?> settings, string? contentRoot = null)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            if (contentRoot is not null)
            {
                builder.UseContentRoot(contentRoot);
            }
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        }
    }

    private static string AllMessages(Exception error) =>
        string.Join(" | ", Enumerate(error).Select(e => e.Message));

    private static IEnumerable<Exception> Enumerate(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
        }
    }

    [Fact]
    public async Task Development_WithNothingConfigured_StartsOnSqlite_WithDemoData()
    {
        var contentRoot = Directory.CreateTempSubdirectory("rp-first-run-").FullName;
        try
        {
            await using (var factory = new ConfiguredFactory("Development", new Dictionary<string, string?>(), contentRoot))
            {
                var client = factory.CreateClient();

                (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
                (await client.GetFromJsonAsync<JsonElement>("/api/v1/cities")).GetArrayLength().ShouldBe(8);
                var login = await client.PostAsJsonAsync("/api/v1/auth/login",
                    new { email = DemoAccounts.EmailFor(Roles.Admin), password = DemoAccounts.DefaultPassword });
                login.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
            File.Exists(Path.Combine(contentRoot, "App_Data", "recycleplatform.db")).ShouldBeTrue();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    [Fact]
    public void Production_WithoutAConnectionString_RefusesToStart_NamingTheSetting()
    {
        using var factory = new ConfiguredFactory("Production", new Dictionary<string, string?> { ["Database:Provider"] = "Postgres" });

        var error = Should.Throw<Exception>(() => factory.CreateClient());

        AllMessages(error).ShouldContain("ConnectionStrings:Default");
    }

    [Fact]
    public void UnknownDatabaseProvider_RefusesToStart_NamingTheSetting()
    {
        using var factory = new ConfiguredFactory("Development", new Dictionary<string, string?> { ["Database:Provider"] = "MongoDb" });

        var error = Should.Throw<Exception>(() => factory.CreateClient());

        AllMessages(error).ShouldContain("Database:Provider");
    }

    [Fact]
    public void Production_WithDemoDataSetToNonsense_RefusesToStart_NamingTheSetting()
    {
        using var factory = new ConfiguredFactory("Production", new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = "Host=127.0.0.1;Database=unused",
            ["DemoData:Enabled"] = "perhaps",
            ["Ledger:SigningKey"] = Convert.ToBase64String(new byte[32]),
        });

        var error = Should.Throw<Exception>(() => factory.CreateClient());

        AllMessages(error).ShouldContain("DemoData:Enabled");
    }

    [Theory]
    [InlineData(null, "Ledger:SigningKey is required")]
    [InlineData("not base64!", "Ledger:SigningKey is not base64")]
    [InlineData("AAAA", "Ledger:SigningKey must be 32 bytes")]
    public void Production_WithoutAGoodLedgerKey_RefusesToStart_NamingTheSetting(string? key, string message)
    {
        using var factory = new ConfiguredFactory("Production", new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = "Host=127.0.0.1;Database=unused",
            ["Ledger:SigningKey"] = key,
        });

        var error = Should.Throw<Exception>(() => factory.CreateClient());

        AllMessages(error).ShouldContain(message);
    }
}
