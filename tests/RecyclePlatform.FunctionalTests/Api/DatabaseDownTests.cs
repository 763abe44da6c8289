using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>With the database out of reach, callers are told to come back in a moment (503 with Retry-After), never given a bare 500.</summary>
public sealed class DatabaseDownTests(DatabaseDownTests.NoDatabase app) : IClassFixture<DatabaseDownTests.NoDatabase>
{
    [Fact]
    public async Task TheApi_Answers503_WithRetryAfter_AndAProblem()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/cities");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task APage_Answers503_WithAFriendlyPage()
    {
        var response = await app.CreateClient().GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
        (await response.Content.ReadAsStringAsync()).ShouldContain("try again in a few seconds");
    }

    /// <summary>The app pointed at a port where no database listens (and no background work that would need one).</summary>
    public sealed class NoDatabase : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Default", "Host=127.0.0.1;Port=9;Database=none;Username=none;Password=none;Timeout=2;Pooling=false");
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("DemoData:Enabled", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
            builder.UseSetting("Ledger:SequencerEnabled", "false");
            builder.UseSetting("Ledger:AuditEnabled", "false");
            builder.UseSetting("Notifications:WorkerEnabled", "false");
        }
    }
}
