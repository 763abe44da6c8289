using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Bench;

/// <summary>
/// Impact totals at scale (docs/performance.md): a realistic log (a factor table first; then per pickup its door entry,
/// naming city, district, campaign and team, and its hub receipt; per 20 pickups a sorted lot naming them, allocated,
/// received and distributed; now and then a correction), the cold fold of all of it, and the server time of the
/// campaign page's and the platform's data.
/// </summary>
internal static class ImpactBench
{
    public const string Slug = "bench-campaign";
    private const int PickupsPerLot = 20;
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Cities = ["beijing", "shanghai", "guangzhou", "shenzhen"];
    private static readonly Guid[] Hubs = [.. Enumerable.Range(1, 4).Select(n => Id(0x40, n))];
    private static readonly Guid[] Teams = [.. Enumerable.Range(1, 300).Select(n => Id(0x7e, n))];
    private static readonly Guid[] Partners = [.. Enumerable.Range(1, 30).Select(n => Id(0xa0, n))];
    private static readonly Guid Programme = Id(0xb0, 1);

    /// <summary>A city and a campaign running in it, as an administrator makes them; the campaign's id goes into the log.</summary>
    public static async Task<Guid> CampaignAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var city = City.Create("beijing", new LocalizedName("Beijing", "北京"), "Asia/Shanghai");
        db.Cities.Add(city);
        var campaign = Campaign.Create(Slug, new CampaignDetails(new LocalizedName("Autumn drive", "秋季捐衣"), "Coats and shoes.", "大衣和鞋。",
            new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), 500_000, [city.Id], []), DateTimeOffset.UtcNow);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    /// <summary>The log, entry by entry, as the platform would write it (the same records, the same bytes).</summary>
    public static IEnumerable<LedgerEntry> Log(Guid campaign)
    {
        long index = 0;
        yield return new ImpactFactorsEntry(Start, 1,
            [new StreamFactor(LotStream.Reuse, 3169, 2700), new StreamFactor(LotStream.Recycle, 1500, 60), new StreamFactor(LotStream.Waste, 0, 0)],
            HexDigest.Of(SHA256.HashData("bench factor table v1"u8))).ToLedgerEntry();
        index++;
        var random = new Random(20261130);
        for (long group = 0; ; group++)
        {
            var commitments = new HexDigest[PickupsPerLot];
            var doors = new long[PickupsPerLot];
            long grams = 0;
            var hub = Hubs[group % Hubs.Length];
            for (var k = 0; k < PickupsPerLot; k++)
            {
                var pickup = group * PickupsPerLot + k;
                var at = Start.AddSeconds(pickup * 5);
                var commitment = HexDigest.Of(SHA256.HashData(BitConverter.GetBytes(pickup)));
                var labels = new[] { HexDigest.Of(SHA256.HashData(BitConverter.GetBytes(~pickup))) };
                var weight = random.Next(4) == 0 ? 0 : random.Next(2_000, 15_000);
                var city = Cities[random.Next(Cities.Length)];
                doors[k] = index;
                yield return new CollectedEntry(at, CityCode.Parse(city), hub, commitment, 1 + random.Next(4), weight, labels, null)
                {
                    District = CityCode.Parse($"district-{random.Next(16)}"),
                    Campaign = random.Next(2) == 0 ? campaign : null,
                    Team = random.Next(5) < 3 ? Teams[random.Next(Teams.Length)] : null,
                }.ToLedgerEntry();
                index++;
                yield return new ReceivedAtHubEntry(at.AddHours(3), hub, commitment, labels, [], weight, false).ToLedgerEntry();
                index++;
                commitments[k] = commitment;
                grams += weight;
            }
            var sortedAt = Start.AddSeconds((group + 1) * PickupsPerLot * 5).AddHours(6);
            var lot = Id(0x10, group);
            var partner = Partners[random.Next(Partners.Length)];
            var stream = (LotStream)random.Next(3);
            var lotGrams = grams * 9 / 10;
            yield return new SortedEntry(sortedAt, hub, lot, stream, lotGrams, [ItemCategories.Clothing], commitments).ToLedgerEntry();
            index++;
            var allocated = index;
            yield return new AllocatedEntry(sortedAt.AddHours(1), lot, partner, PartnerKind.Charity, lotGrams).ToLedgerEntry();
            index++;
            yield return new ReceivedByPartnerEntry(sortedAt.AddHours(20), lot, partner, lotGrams, 60, false).ToLedgerEntry();
            index++;
            var distributed = index;
            yield return new DistributedEntry(sortedAt.AddDays(2), lot, partner, Programme, DateOnly.FromDateTime(sortedAt.AddDays(2).UtcDateTime),
                RegionCode.Parse("110105"), 60, 1 + random.Next(30)).ToLedgerEntry();
            index++;
            // A few corrections: a door weight now and then, rarely a partner or a distribution entered twice.
            if (group % 50 == 7)
            {
                yield return CorrectionEntry.For(sortedAt.AddDays(3), doors[random.Next(PickupsPerLot)], "bench", CorrectionReason.WrongWeight,
                    new CorrectedFields(Grams: random.Next(2_000, 15_000))).ToLedgerEntry();
                index++;
            }
            if (group % 400 == 11)
            {
                yield return CorrectionEntry.For(sortedAt.AddDays(3), allocated, "bench", CorrectionReason.WrongPartner,
                    new CorrectedFields(Partner: Partners[random.Next(Partners.Length)])).ToLedgerEntry();
                index++;
            }
            if (group % 700 == 13)
            {
                yield return CorrectionEntry.For(sortedAt.AddDays(3), distributed, "bench", CorrectionReason.EnteredTwice, new CorrectedFields()).ToLedgerEntry();
                index++;
            }
        }
    }

    /// <summary>The cold fold of the whole log by a node that has just started, then the server time of the pages' data.</summary>
    public static async Task MeasureAsync(IHost host, long size, int calls)
    {
        var tally = host.Services.GetRequiredService<ImpactTally>();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long folded;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            folded = await tally.CatchUpAsync(scope.ServiceProvider.GetRequiredService<IAppDbContext>(), CancellationToken.None);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Console.WriteLine($"== impact totals over a log of {size:N0} entries ({Environment.ProcessorCount} cores)");
        Console.WriteLine($"   cold fold (ImpactTally.CatchUpAsync, batches of {ImpactTally.BatchSize:N0} read with EF Core): {folded:N0} entries in {seconds:0.00} s " +
            $"= {folded / seconds:N0} entries/s, {cpu:0.00} s CPU; {allocated / 1048576.0:N0} MiB allocated, {retained / 1048576.0:N0} MiB retained by the fold, " +
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB");

        await TimeAsync(host, calls, "campaign page data (ImpactQueries.CampaignAsync)", async q =>
        {
            var view = await q.CampaignAsync(Slug, CancellationToken.None) ?? throw new InvalidOperationException("No campaign.");
            if (view.Impact is null || view.Impact.Totals.Pickups == 0)
            {
                throw new InvalidOperationException("The campaign has no totals.");
            }
        });
        await TimeAsync(host, calls, "platform data (ImpactQueries.PlatformAsync)", async q =>
        {
            var platform = await q.PlatformAsync(CancellationToken.None) ?? throw new InvalidOperationException("No totals.");
            if (platform.Checkpoint.Size != size)
            {
                throw new InvalidOperationException("The totals are not at the log's size.");
            }
        });
    }

    private static async Task TimeAsync(IHost host, int calls, string what, Func<ImpactQueries, Task> call)
    {
        var timings = new List<double>(calls);
        // A tenth of the calls first, to warm the JIT, the pools and the reference-data cache as a running server's are.
        for (var i = -calls / 10; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await using var scope = host.Services.CreateAsyncScope();
            await call(scope.ServiceProvider.GetRequiredService<ImpactQueries>());
            if (i >= 0)
            {
                timings.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        timings.Sort();
        double P(double q) => timings[(int)Math.Min(timings.Count - 1, Math.Ceiling(q * timings.Count) - 1)];
        Console.WriteLine($"   {what}, {calls:N0} calls, each a fresh scope: p50 {P(0.50):0.00} ms, p99 {P(0.99):0.00} ms, max {timings[^1]:0.00} ms (target p99 <= 50 ms)");
    }

    private static Guid Id(byte kind, long n) => new((int)n, (short)(n >> 32), 0x7000, [0x80, kind, 0, 0, 0, 0, 0, 1]);
}
