using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.LedgerVerifier;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>
/// The ledger as outsiders read it over HTTP: C2SP tlog-tiles and signed-note formats, the JSON
/// proofs, and the auditor's verifier against an honest and then a tampered log.
/// </summary>
public sealed class LedgerApiTests(LedgerApiTests.WithoutTileCache factory) : IClassFixture<LedgerApiTests.WithoutTileCache>
{
    /// <summary>Custody entries through the outbox, then waits until a signed checkpoint covers them.</summary>
    private async Task<long> AddEntriesAsync(int count)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<LedgerOutbox>();
            var hub = Guid.CreateVersion7();
            for (var i = 0; i < count; i++)
            {
                outbox.Append(new SortedEntry(DateTimeOffset.UtcNow, hub, Guid.CreateVersion7(), Domain.Hubs.LotStream.Recycle, (1 + i % 9) * 1000L,
                    [Domain.Pickups.ItemCategories.Clothing, Domain.Pickups.ItemCategories.Shoes], []));
            }
            await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
        }
        var client = factory.CreateClient();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var checkpoint = await client.GetFromJsonAsync<JsonElement>("/api/v1/ledger/checkpoint");
            var pending = await factory.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IAppDbContext>().LedgerOutbox.CountAsync();
            var size = checkpoint.GetProperty("treeSize").GetInt64();
            var total = await factory.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IAppDbContext>().LedgerEntries.CountAsync();
            if (pending == 0 && size == total)
            {
                return size;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The sequencer did not catch up.");
    }

    [Fact]
    public async Task AnInclusionProof_CanBeAskedForAtAnEarlierSignedSize_AndComesWithThatCheckpoint()
    {
        var latest = await AddEntriesAsync(50);
        await AddEntriesAsync(50);
        var client = factory.CreateClient();

        var proven = await client.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/entries/3?treeSize={latest}");
        var unsigned = await client.GetAsync($"/api/v1/ledger/entries/3?treeSize={latest + 100_000}");
        var tooLate = await client.GetAsync($"/api/v1/ledger/entries/{latest}?treeSize={latest}");

        proven.GetProperty("treeSize").GetInt64().ShouldBe(latest);
        proven.GetProperty("verified").GetBoolean().ShouldBeTrue();
        var note = proven.GetProperty("checkpoint").GetString()!;
        note.Split('\n')[1].ShouldBe(latest.ToString(System.Globalization.CultureInfo.InvariantCulture));
        note.ShouldContain("\n\n\u2014 "); // the signature line of a signed note
        unsigned.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        tooLate.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await tooLate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("ledger.entry_after_checkpoint");
    }

    [Fact]
    public async Task TheLog_IsServedInTlogTilesAndSignedNoteFormats()
    {
        var size = await AddEntriesAsync(600);
        var client = factory.CreateClient();

        var key = (await client.GetStringAsync("/ledger/key")).Trim();
        SignedNote.TryParseVerifierKey(key, out var keyName, out var publicKey).ShouldBeTrue();
        var checkpointResponse = await client.GetAsync("/ledger/checkpoint");
        checkpointResponse.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var checkpoint = LogVerifier.Open(await checkpointResponse.Content.ReadAsStringAsync(), keyName, publicKey);
        checkpoint.ShouldNotBeNull();
        checkpoint.Size.ShouldBe(size);

        // Full level-0 tiles and the partial one at the right edge, entries the same.
        var fullTiles = size / 256;
        var leaves = new List<byte[]>();
        for (var tile = 0; tile <= fullTiles; tile++)
        {
            var width = (int)Math.Min(256, size - tile * 256);
            var hashes = await client.GetByteArrayAsync("/ledger/" + new TilePath(0, tile, width, false));
            var bundle = await client.GetByteArrayAsync("/ledger/" + new TilePath(0, tile, width, true));
            hashes.Length.ShouldBe(width * 32);
            var at = 0;
            for (var i = 0; i < width; i++)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at));
                var leaf = Merkle.LeafHash(bundle.AsSpan(at + 2, length));
                leaf.ShouldBe(hashes[(i * 32)..((i + 1) * 32)]);
                leaves.Add(leaf);
                at += 2 + length;
            }
            at.ShouldBe(bundle.Length);
        }
        Merkle.RootFromLeafHashes(leaves).ShouldBe(checkpoint.RootHash);

        // Level 1 holds the roots of each 256-leaf subtree.
        var level1 = await client.GetByteArrayAsync("/ledger/" + new TilePath(1, 0, (int)fullTiles, false));
        level1[..32].ShouldBe(Merkle.RootFromLeafHashes(leaves.Take(256).ToList()));
        var tileResponse = await client.GetAsync("/ledger/tile/0/000");
        tileResponse.Headers.CacheControl!.ToString().ShouldContain("immutable");

        // Tiles that do not exist yet, or paths not in canonical form, are plain 404s.
        (await client.GetAsync($"/ledger/tile/0/{TilePath.FormatIndex(fullTiles + 5)}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/ledger/tile/0/0")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/ledger/tile/0/000.p/256")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/ledger/tile/00/000")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // not canonical
        // A client that accepts gzip gets the entry bundle compressed (and the same bytes once inflated).
        var plain = await (await client.GetAsync("/ledger/tile/entries/000")).Content.ReadAsByteArrayAsync();
        var gzipRequest = new HttpRequestMessage(HttpMethod.Get, "/ledger/tile/entries/000");
        gzipRequest.Headers.AcceptEncoding.ParseAdd("gzip");
        var gzipped = await client.SendAsync(gzipRequest);
        gzipped.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);
        await using (var inflate = new System.IO.Compression.GZipStream(await gzipped.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
        using (var inflated = new MemoryStream())
        {
            await inflate.CopyToAsync(inflated);
            inflated.ToArray().ShouldBe(plain);
        }
    }

    [Fact]
    public async Task AnEntry_ComesWithAnInclusionProof_ThatAClientCanCheck()
    {
        var size = await AddEntriesAsync(37);
        var client = factory.CreateClient();
        var checkpoint = await client.GetFromJsonAsync<JsonElement>("/api/v1/ledger/checkpoint");

        var entry = await client.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/entries/{size - 5}");

        entry.GetProperty("verified").GetBoolean().ShouldBeTrue();
        var body = Encoding.UTF8.GetBytes(entry.GetProperty("entry").GetProperty("entry").GetString()!);
        var proof = entry.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
        Merkle.VerifyInclusion(size - 5, entry.GetProperty("treeSize").GetInt64(), Merkle.LeafHash(body), proof,
            Convert.FromBase64String(checkpoint.GetProperty("rootHash").GetString()!)).ShouldBeTrue();

        var missing = await client.GetAsync($"/api/v1/ledger/entries/{size + 1000}");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var badCode = await client.GetAsync("/api/v1/ledger/receipts/not-a-code");
        badCode.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await client.GetAsync("/api/v1/ledger/receipts/AAAAAAAAAAAAAAAAAAAAAA")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/v1/ledger/consistency?from=0")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/ledger/entries?limit=5");
        page.GetProperty("entries").GetArrayLength().ShouldBe(5);
        page.GetProperty("nextBefore").GetInt64().ShouldBe(size - 5);
    }

    [Fact]
    public async Task TheVerifier_PassesAnHonestLog_ChecksConsistency_AndNamesTheFirstBadEntry()
    {
        await AddEntriesAsync(300);
        var client = factory.CreateClient();
        var key = (await client.GetStringAsync("/ledger/key")).Trim();
        var output = new StringWriter();
        var verifier = new LogVerifier(client, output);

        var first = await verifier.VerifyAsync(key, null, CancellationToken.None);
        first.Ok.ShouldBeTrue(first.Message);

        // Later, against the checkpoint saved on the first run.
        var size = await AddEntriesAsync(50);
        var second = await verifier.VerifyAsync(key, first.CheckpointNote, CancellationToken.None);
        second.Ok.ShouldBeTrue(second.Message);
        second.TreeSize.ShouldBe(size);
        output.ToString().ShouldContain("consistency: the log of");

        // Someone with database access changes an entry, deletes one, swaps two.
        (await TamperedRunAsync(verifier, key, "UPDATE ledger_entries SET body = convert_to(replace(convert_from(body, 'UTF8'), '\"recycle\"', '\"waste\"'), 'UTF8') WHERE index = 150")).ShouldBe(150);
        (await TamperedRunAsync(verifier, key, "DELETE FROM ledger_entries WHERE index = 10")).ShouldBe(10);
        (await TamperedRunAsync(verifier, key, """
            UPDATE ledger_entries SET body = CASE index WHEN 20 THEN (SELECT body FROM ledger_entries WHERE index = 30)
                                                       ELSE (SELECT body FROM ledger_entries WHERE index = 20) END
            WHERE index IN (20, 30)
            """)).ShouldBe(20);

        // A wrong key is refused outright.
        var stranger = SignedNote.VerifierKey("recycleplatform.local/ledger", new byte[32]);
        (await verifier.VerifyAsync(stranger, null, CancellationToken.None)).Ok.ShouldBeFalse();
    }

    /// <summary>
    /// Serves every tile from the database, so that a test playing a dishonest operator changes what
    /// verifiers download (a node's memory keeps the tiles it served before).
    /// </summary>
    public sealed class WithoutTileCache : RecycleWebFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Ledger:TileCacheMegabytes", "0");
        }
    }

    /// <summary>
    /// Applies the change with the append-only trigger off and drops the stored tiles (so the served
    /// bundles are built from the changed rows), runs the verifier, then puts every entry back as it
    /// was and drops the tiles built from the changed rows.
    /// </summary>
    private async Task<long?> TamperedRunAsync(LogVerifier verifier, string key, string sql)
    {
        // As the tables' owner: the app's own role may not touch the triggers.
        await using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseRecyclePlatform(DatabaseProvider.Postgres, factory.OwnerConnectionString).Options);
        var original = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Index).ToListAsync();
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only");
        await DropStoredTilesAsync(db);
        try
        {
            await db.Database.ExecuteSqlRawAsync(sql);
            var result = await verifier.VerifyAsync(key, null, CancellationToken.None);
            result.Ok.ShouldBeFalse();
            return result.FirstBadIndex;
        }
        finally
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE ledger_entries IN ACCESS EXCLUSIVE MODE");
            var now = await db.LedgerEntries.AsNoTracking().ToDictionaryAsync(e => e.Index);
            foreach (var entry in original)
            {
                if (!now.TryGetValue(entry.Index, out var current))
                {
                    await db.Database.ExecuteSqlInterpolatedAsync(
                        $"INSERT INTO ledger_entries (index, kind, subject, body, outbox_id, sequenced_at) VALUES ({entry.Index}, {entry.Kind.ToString()}, {entry.Subject}, {entry.Body}, {entry.OutboxId}, {entry.SequencedAt})");
                }
                else if (!current.Body.SequenceEqual(entry.Body))
                {
                    await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE ledger_entries SET body = {entry.Body} WHERE index = {entry.Index}");
                }
            }
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only");
            await DropStoredTilesAsync(db);
            await tx.CommitAsync();
            (await verifier.VerifyAsync(key, null, CancellationToken.None)).Ok.ShouldBeTrue();
        }
    }

    private static async Task DropStoredTilesAsync(AppDbContext db)
    {
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_tiles DISABLE TRIGGER ledger_tiles_append_only");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM ledger_tiles");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_tiles ENABLE TRIGGER ledger_tiles_append_only");
    }
}
