using Microsoft.AspNetCore.Hosting;

namespace RecyclePlatform.FunctionalTests.Nodes;

/// <summary>
/// Two nodes of one deployment in this process: two hosts on one PostgreSQL database and one Redis
/// key space, as two replicas behind a proxy. A is started (migrating and seeding) before B.
/// </summary>
public class TwoNodes : IAsyncLifetime
{
    public Node A { get; private set; } = null!;

    public Node B { get; private set; } = null!;

    /// <summary>Settings both nodes share, on top of the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        A = new Node(null, Settings, "a");
        await A.InitializeAsync();
        _ = A.Server;
        B = new Node(A, Settings, "b");
        await B.InitializeAsync();
        _ = B.Server;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
    }

    public sealed class Node : RecycleWebFactory
    {
        private readonly IReadOnlyDictionary<string, string> _settings;

        public Node(Node? first, IReadOnlyDictionary<string, string> settings, string name) : base(first)
        {
            _settings = settings;
            Name = name;
        }

        public string Name { get; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }
            // The second node finds the database migrated and seeded, as a replica started after the migrate step.
            if (Name != "a")
            {
                builder.UseSetting("Database:MigrateOnStartup", "false");
                builder.UseSetting("DemoData:Enabled", "false");
            }
        }
    }
}
