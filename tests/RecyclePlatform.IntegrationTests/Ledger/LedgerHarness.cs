using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.IntegrationTests.Pickups;

namespace RecyclePlatform.IntegrationTests.Ledger;

/// <summary>The application's services with a sequencer that signs a checkpoint every round, and helpers to drive it.</summary>
internal static class LedgerHarness
{
    public static LedgerOptions Options(int batchSize = 1000) =>
        new(batchSize, TimeSpan.FromMilliseconds(20), TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromDays(1), SequencerEnabled: false, AuditEnabled: false);

    public static ServiceProvider Services(DatabaseFixture fixture, int batchSize = 1000, Action<IServiceCollection>? more = null) =>
        BookingScenario.Services(fixture, services =>
        {
            services.AddSingleton(Options(batchSize));
            more?.Invoke(services);
        });

    /// <summary>Runs sequencer rounds until the outbox is empty; returns how many entries were appended.</summary>
    public static async Task<int> SequenceAllAsync(IServiceProvider services)
    {
        var total = 0;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var appended = await scope.ServiceProvider.GetRequiredService<LedgerSequencer>().RunOnceAsync(CancellationToken.None);
            total += appended;
            if (appended == 0)
            {
                return total;
            }
        }
    }

    /// <summary>Custody entries as a hub would write them, straight into the outbox.</summary>
    public static async Task AddEntriesAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<LedgerOutbox>();
        var hub = Guid.CreateVersion7();
        for (var i = 0; i < count; i++)
        {
            outbox.Append(new SortedEntry(DateTimeOffset.UtcNow, hub, Guid.CreateVersion7(), Domain.Hubs.LotStream.Reuse, (10 + i % 7) * 1000L,
                [Domain.Pickups.ItemCategories.Clothing], [HexDigest.Parse($"{i:x64}")]));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Every entry in index order, with the tree recomputed from their bytes.</summary>
    public static async Task<(List<LedgerEntryRecord> Entries, byte[] Root)> ReadAllAsync(DatabaseFixture fixture)
    {
        await using var db = fixture.CreateContext();
        var entries = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Index).ToListAsync();
        return (entries, Merkle.RootFromLeafHashes([.. entries.Select(e => Merkle.LeafHash(e.Body))]));
    }

    public static JsonObject Json(byte[] body) => JsonNode.Parse(body)!.AsObject();
}
