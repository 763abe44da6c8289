using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using RecyclePlatform.Application;
using RecyclePlatform.Bench;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Infrastructure;
using RecyclePlatform.Infrastructure.Persistence;

// The ledger benchmarks, against a real PostgreSQL (RECYCLE_BENCH_POSTGRES, a connection string to
// its "postgres" database). Each mode makes a database of its own and prints its figures.
//   appends [count]            durable outbox commits and batched sequencer appends per second
//   proofs [size] [samples]    inclusion-proof latency in a tree of `size` entries
//   verify-data [size] [name]  loads a log of `size` entries into database `name` for the verifier run
//   impact [size] [calls] [name]  loads a realistic log of `size` entries and a campaign into database `name`,
//                              times the cold fold of the impact totals and `calls` builds of the campaign's
//                              and the platform's data (ImpactBench.cs); the database stays for bench/run.sh's HTTP run
var mode = args.Length > 0 ? args[0] : "appends";
long Arg(int at, long fallback) => args.Length > at ? long.Parse(args[at], CultureInfo.InvariantCulture) : fallback;

// The route optimiser needs no database.
switch (mode)
{
    case "solomon":
        return RoutingBench.Solomon(args.Length > 1 ? args[1] : "../shared/data/solomon", args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 9.5,
            args.Length > 3 ? args[3] : null);
    case "city-day":
        return await RoutingBench.CityDay((int)Arg(1, 2_000), (int)Arg(2, 100), args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 50);
}
var server = Environment.GetEnvironmentVariable("RECYCLE_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("Set RECYCLE_BENCH_POSTGRES (bench/run.sh does).");

switch (mode)
{
    case "appends":
        await Appends((int)Arg(1, 50_000));
        break;
    case "proofs":
        await Proofs(Arg(1, 10_000_000), (int)Arg(2, 5_000));
        break;
    case "verify-data":
        await VerifyData(Arg(1, 1_000_000), args.Length > 2 ? args[2] : "bench_verify");
        break;
    case "impact":
        await Impact(Arg(1, 1_000_000), (int)Arg(2, 2_000), args.Length > 3 ? args[3] : "bench_impact");
        break;
    default:
        Console.Error.WriteLine("modes: solomon [dir] [seconds] [prefix] | city-day [pickups] [couriers] [seconds] | appends [count] | proofs [size] [samples] | verify-data [size] [database] | impact [size] [calls] [database]");
        return 2;
}
return 0;

async Task Appends(int count)
{
    using var host = await OpenAsync($"bench_appends_{DateTime.UtcNow:HHmmss}");
    Console.WriteLine($"== durable appends (fsync on), {count:N0} entries, {Environment.ProcessorCount} cores");
    var synchronous = await ScalarAsync(host, "SHOW synchronous_commit");
    var fsync = await ScalarAsync(host, "SHOW fsync");
    Console.WriteLine($"   PostgreSQL fsync={fsync}, synchronous_commit={synchronous}");

    // 1. Business side: each change commits its own entry into the outbox, 8 writers at once.
    const int writers = 8;
    var perWriter = Math.Min(1_000, count / writers);
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
    {
        for (var i = 0; i < perWriter; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<LedgerOutbox>().Append(Entry(w * perWriter + i));
            await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
        }
    })));
    var outboxRate = writers * perWriter / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"   outbox: {writers * perWriter:N0} single-entry transactions by {writers} writers in {clock.Elapsed.TotalSeconds:0.00} s = {outboxRate:N0} commits/s");

    // The rest of the backlog in bulk (not timed).
    for (var done = writers * perWriter; done < count; done += 5_000)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<LedgerOutbox>();
        for (var i = done; i < Math.Min(count, done + 5_000); i++)
        {
            outbox.Append(Entry(i));
        }
        await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
    }

    // 2. The sequencer drains the backlog: each round is one durable transaction of up to 1,000 entries.
    clock.Restart();
    var rounds = 0;
    long appended = 0;
    while (true)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var n = await scope.ServiceProvider.GetRequiredService<LedgerSequencer>().RunOnceAsync(CancellationToken.None);
        if (n == 0)
        {
            break;
        }
        appended += n;
        rounds++;
    }
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"   sequencer: {appended:N0} entries in {rounds} durable rounds, {seconds:0.00} s = {appended / seconds:N0} appends/s (target >= 2,500/s)");
    await using var check = host.Services.CreateAsyncScope();
    var db = check.ServiceProvider.GetRequiredService<IAppDbContext>();
    var size = await LedgerTree.SizeAsync(db, CancellationToken.None);
    var checkpoints = await db.LedgerCheckpoints.CountAsync();
    Console.WriteLine($"   tree size {size:N0}, {checkpoints} checkpoints signed (at most one per second)");
}

async Task Proofs(long size, int samples)
{
    using var host = await OpenAsync($"bench_proofs_{DateTime.UtcNow:HHmmss}");
    Console.WriteLine($"== inclusion proofs in a tree of {size:N0} entries");
    var clock = Stopwatch.StartNew();
    var root = await LoadTreeAsync(host, size, withEntries: false);
    Console.WriteLine($"   loaded {size:N0} leaves and their nodes with COPY in {clock.Elapsed.TotalSeconds:0.0} s");

    var random = new Random(20261128);
    var timings = new List<double>(samples);
    // The first thousand warm the JIT, the pools and the caches, as a running server's are.
    for (var i = -1_000; i < samples; i++)
    {
        var index = random.NextInt64(size);
        var start = Stopwatch.GetTimestamp();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var proof = await LedgerTree.RangeHashesAsync(db, Merkle.InclusionProofRanges(index, size), CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (!Merkle.VerifyInclusion(index, size, Merkle.LeafHash(Body(index)), proof, root))
        {
            throw new InvalidOperationException($"The proof for {index} does not verify.");
        }
        if (i >= 0)
        {
            timings.Add(elapsed);
        }
    }
    timings.Sort();
    double P(double q) => timings[(int)Math.Min(timings.Count - 1, Math.Ceiling(q * timings.Count) - 1)];
    Console.WriteLine($"   {samples:N0} random proofs (each a fresh scope and one indexed query, verified): " +
        $"p50 {P(0.50):0.00} ms, p95 {P(0.95):0.00} ms, p99 {P(0.99):0.00} ms, max {timings[^1]:0.00} ms (target p99 <= 5 ms)");
}

async Task VerifyData(long size, string database)
{
    using var host = await OpenAsync(database);
    var clock = Stopwatch.StartNew();
    await LoadTreeAsync(host, size, withEntries: true);
    await using (var scope = host.Services.CreateAsyncScope())
    {
        // Signs the checkpoint for the loaded tree, exactly as the running service would.
        await scope.ServiceProvider.GetRequiredService<LedgerSequencer>().RunOnceAsync(CancellationToken.None);
    }
    Console.WriteLine($"== loaded a log of {size:N0} entries into {database} in {clock.Elapsed.TotalSeconds:0.0} s");
    clock.Restart();
    await using (var scope = host.Services.CreateAsyncScope())
    {
        // The full tiles and entry bundles, as the sequencer stores them while the log grows.
        await scope.ServiceProvider.GetRequiredService<ILedgerTiles>().StoreFilledAsync(0, size, CancellationToken.None);
    }
    Console.WriteLine($"   and stored its full tiles in {clock.Elapsed.TotalSeconds:0.0} s");
}

async Task Impact(long size, int calls, string database)
{
    using var host = await OpenAsync(database);
    var clock = Stopwatch.StartNew();
    var campaign = await ImpactBench.CampaignAsync(host);
    await LoadTreeAsync(host, size, withEntries: true, ImpactBench.Log(campaign).GetEnumerator());
    await using (var scope = host.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<LedgerSequencer>().RunOnceAsync(CancellationToken.None);
    }
    Console.WriteLine($"== loaded a realistic log of {size:N0} entries and campaign {ImpactBench.Slug} into {database} in {clock.Elapsed.TotalSeconds:0.0} s, checkpoint signed");
    await ImpactBench.MeasureAsync(host, size, calls);
}

// Real custody entries, different for each index.
static SortedEntry Entry(long i) =>
    new(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero).AddSeconds(i), Guid.Parse("0190c6a8-0000-7000-8000-000000000001"),
        new Guid((int)i, 0, 0, new byte[8]), (LotStream)(i % 3), (5 + i % 40) * 1000, [ItemCategories.Clothing], []);

static byte[] Body(long i) => Entry(i).ToLedgerEntry().Body;

async Task<byte[]> LoadTreeAsync(IHost host, long size, bool withEntries, IEnumerator<LedgerEntry>? log = null)
{
    var database = host.Services.GetRequiredService<DatabaseOptions>().ConnectionString;
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    var tree = new CompactRange();
    await using (var nodes = await connection.BeginBinaryImportAsync("COPY ledger_nodes (key, hash) FROM STDIN (FORMAT BINARY)"))
    {
        await using var entries = withEntries
            ? await new NpgsqlConnection(database).OpenAndImportAsync("COPY ledger_entries (index, kind, subject, body, outbox_id, sequenced_at) FROM STDIN (FORMAT BINARY)")
            : null;
        var at = DateTime.UtcNow;
        for (long i = 0; i < size; i++)
        {
            var entry = log is null ? Entry(i).ToLedgerEntry() : log.MoveNext() ? log.Current : throw new InvalidOperationException("The log ended early.");
            if (entries is not null)
            {
                await entries.StartRowAsync();
                await entries.WriteAsync(i, NpgsqlDbType.Bigint);
                await entries.WriteAsync(entry.Kind.ToString(), NpgsqlDbType.Varchar);
                await entries.WriteAsync(entry.Subject, NpgsqlDbType.Varchar);
                await entries.WriteAsync(entry.Body, NpgsqlDbType.Bytea);
                await entries.WriteAsync(-1 - i, NpgsqlDbType.Bigint);
                await entries.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }
            var pending = new List<(long Key, byte[] Hash)>(2);
            tree.Append(Merkle.LeafHash(entry.Body), (node, hash) => pending.Add((node.Key, hash)));
            foreach (var (key, hash) in pending)
            {
                await nodes.StartRowAsync();
                await nodes.WriteAsync(key, NpgsqlDbType.Bigint);
                await nodes.WriteAsync(hash, NpgsqlDbType.Bytea);
            }
        }
        if (entries is not null)
        {
            await entries.CompleteAsync();
        }
        await nodes.CompleteAsync();
    }
    // What autovacuum does to a live table soon after a bulk load.
    foreach (var table in new[] { "ledger_nodes", "ledger_entries" })
    {
        await using var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) {table}", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
    }
    return tree.Root();
}

async Task<IHost> OpenAsync(string database)
{
    var builder = new NpgsqlConnectionStringBuilder(server);
    await using (var admin = new NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE); CREATE DATABASE \"{database}\"", admin);
        await drop.ExecuteNonQueryAsync();
    }
    builder.Database = database;
    builder.MaxPoolSize = 20;
    var settings = new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true };
    var app = Host.CreateApplicationBuilder(settings);
    app.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Default"] = builder.ConnectionString,
        ["Ledger:SigningKey"] = Environment.GetEnvironmentVariable("RECYCLE_BENCH_SIGNING_KEY") ?? Convert.ToBase64String(new byte[32]),
        ["Ledger:SequencerEnabled"] = "false",
        ["Ledger:AuditEnabled"] = "false",
        ["Notifications:WorkerEnabled"] = "false",
    });
    app.Logging.ClearProviders();
    app.Services.AddApplication().AddInfrastructure(app.Configuration, app.Environment);
    var host = app.Build();
    await using var scope = host.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
    return host;
}

static async Task<string> ScalarAsync(IHost host, string sql)
{
    await using var connection = new NpgsqlConnection(host.Services.GetRequiredService<DatabaseOptions>().ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    return (string)(await command.ExecuteScalarAsync())!;
}

internal static class NpgsqlImportExtensions
{
    public static async Task<NpgsqlBinaryImporter> OpenAndImportAsync(this NpgsqlConnection connection, string copy)
    {
        await connection.OpenAsync();
        return await connection.BeginBinaryImportAsync(copy);
    }
}
