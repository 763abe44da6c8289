using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Operations;

/// <summary>
/// The app with ConnectionStrings:Read pointing at a connection that refuses every write, as a hot
/// standby does (default_transaction_read_only), and names itself so the test can see it was used.
/// </summary>
public sealed class ReplicaWebFactory : RecycleWebFactory
{
    public const string ReplicaName = "rp-read-replica";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var replica = new NpgsqlConnectionStringBuilder(AppConnectionString)
        {
            ApplicationName = ReplicaName,
            Options = "-c default_transaction_read_only=on",
        };
        builder.UseSetting("ConnectionStrings:Read", replica.ConnectionString);
    }
}

public sealed class ReadReplicaTests(ReplicaWebFactory app) : IClassFixture<ReplicaWebFactory>
{
    [Fact]
    public async Task ThePublicLedger_IsReadFromTheReplica_WhileWritesGoToThePrimary()
    {
        // Custody steps (collected, handed over at the hub) write ledger entries through the primary.
        await DemoData.ReceivedAtDemoHubAsync(app, 1, 0);
        var settled = await DemoData.LedgerSettledAsync(app);
        settled.ShouldBeGreaterThan(0);
        var client = app.CreateClient();

        var recent = await client.GetFromJsonAsync<JsonElement>("/api/v1/ledger/entries?limit=5");
        var entry = await client.GetAsync($"/api/v1/ledger/entries/1?treeSize={settled}");
        var page = await client.GetAsync("/ledger");

        recent.GetProperty("entries").GetArrayLength().ShouldBeGreaterThan(0);
        entry.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReplicaConnectionsAsync()).ShouldBeGreaterThan(0);
        // Writes (the custody steps above, a sign-in's security stamp) went to the primary all along.
        var login = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { email = DemoAccounts.EmailFor(Roles.Consumer), password = DemoAccounts.DefaultPassword });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<long> ReplicaConnectionsAsync()
    {
        await using var connection = new NpgsqlConnection(app.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", connection);
        command.Parameters.AddWithValue(ReplicaWebFactory.ReplicaName);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
