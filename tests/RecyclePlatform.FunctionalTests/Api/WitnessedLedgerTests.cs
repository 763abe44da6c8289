using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Crypto.Parameters;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.LedgerVerifier;
using RecyclePlatform.Tests;
using RecyclePlatform.Witness;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>
/// The whole arrangement: the app as the log, and two independent witness services on real HTTP
/// ports, each with its own key and state. The log gets its checkpoints cosigned, the verifier's
/// policy (k of n, maximum age) decides, and a dishonest operator who holds the log's own signing key
/// still cannot get a forked or rolled-back tree past the witnesses.
/// </summary>
public sealed class WitnessedLedgerTests(WitnessedLedgerTests.WitnessedLog log) : IClassFixture<WitnessedLedgerTests.WitnessedLog>
{
    [Fact]
    public async Task TheCheckpoint_CarriesBothCosignatures_AndTheVerifiersPolicyDecides()
    {
        var size = await log.AppendAndAwaitCosignaturesAsync(40);
        var client = log.App.CreateClient();
        var key = (await client.GetStringAsync("/ledger/key")).Trim();
        var output = new StringWriter();
        var verifier = new LogVerifier(client, output);

        var both = await verifier.VerifyAsync(key, null, CancellationToken.None, log.Policy(quorum: 2, TimeSpan.FromMinutes(10)));
        both.Ok.ShouldBeTrue(both.Message + output);
        both.TreeSize.ShouldBeGreaterThanOrEqualTo(size);
        output.ToString().ShouldContain($"witness {log.Names[0]}: cosigned at");
        output.ToString().ShouldContain($"witness {log.Names[1]}: cosigned at");

        // The public page and the API say who witnessed the log, up to which size and when.
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Ledger"));
        foreach (var name in log.Names)
        {
            page.ShouldMatch($"{System.Text.RegularExpressions.Regex.Escape(name)}</code>: cosigned the log at \\d+ entries");
        }
        var witnesses = (await client.GetFromJsonAsync<WitnessDto[]>("/api/v1/ledger/witnesses"))!;
        witnesses.Select(w => w.Name).ShouldBe(log.Names);
        witnesses.ShouldAllBe(w => w.CheckpointSize >= size && w.CosignedAt != null);

        // A third witness the log never asked cannot be part of a quorum.
        var stranger = new TrustedWitness("stranger.test/witness", new Ed25519PrivateKeyParameters(RandomNumberGenerator.GetBytes(32)).GeneratePublicKey().GetEncoded());
        var three = log.Policy(quorum: 3, TimeSpan.FromMinutes(10)) with { Witnesses = [.. log.Policy(2, TimeSpan.FromMinutes(10)).Witnesses, stranger] };
        var refused = await verifier.VerifyAsync(key, null, CancellationToken.None, three);
        refused.Ok.ShouldBeFalse();
        refused.Message.ShouldContain("Only 2 of the 3 trusted witnesses");

        // Two hours on, the same cosignatures are too old for a ten-minute policy: a frozen log shows.
        var later = await verifier.VerifyAsync(key, null, CancellationToken.None, log.Policy(2, TimeSpan.FromMinutes(10)) with { Now = DateTimeOffset.UtcNow.AddHours(2) });
        later.Ok.ShouldBeFalse();
        later.Message.ShouldContain("Only 0 of the 2");
    }

    [Fact]
    public async Task WithNoNewEntries_TheWitnessesCosignAgain_SoFreshnessShows()
    {
        await log.AppendAndAwaitCosignaturesAsync(3);
        var first = await log.NewestCosignatureAsync();

        DateTimeOffset? again = null;
        for (var attempt = 0; attempt < 100 && again is null; attempt++)
        {
            await Task.Delay(100);
            var newest = await log.NewestCosignatureAsync();
            again = newest.Size == first.Size && newest.At > first.At ? newest.At : null;
        }

        again.ShouldNotBeNull("the witnesses cosigned the same checkpoint again within the refresh interval");
    }

    [Fact]
    public async Task ADishonestOperatorWithTheLogsKey_CannotForkOrRollBackPastAWitness()
    {
        var size = await log.AppendAndAwaitCosignaturesAsync(20);
        using var http = new HttpClient();
        foreach (var witness in log.Urls)
        {
            // A second history: same origin, same signing key, entries nobody else has seen.
            var fork = new TestLog(log.Origin, log.LogSeed).Append((int)size + 5, "forged");
            var seen = await SeenSizeAsync(http, witness, fork);
            var forked = await PostAsync(http, witness, fork.AddCheckpointBody(seen, fork.Size));
            forked.StatusCode.ShouldBeOneOf([HttpStatusCode.UnprocessableEntity, HttpStatusCode.Conflict]);

            // The same history cut short.
            var shorter = new TestLog(log.Origin, log.LogSeed).Append(3, "forged");
            var rolledBack = await PostAsync(http, witness, shorter.AddCheckpointBody(0));
            rolledBack.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            long.Parse((await rolledBack.Content.ReadAsStringAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(size);
        }

        // The honest log goes on being cosigned.
        (await log.AppendAndAwaitCosignaturesAsync(5)).ShouldBeGreaterThan(size);
    }

    [Fact]
    public async Task TheWitnessService_AnswersOddInputWithAClearError_NeverA500()
    {
        using var http = new HttpClient();
        var witness = log.Urls[0];
        var bodies = new List<HttpContent>
        {
            new StringContent(new string('x', 10 * 1024 * 1024)),
            new StringContent("old 0\n\n\0\0\0"),
            new StringContent("old 0\n\n\U0001F600 recycle\n1\n" + Convert.ToBase64String(new byte[32]) + "\n\n\u2014 x AAAA\n"),
            new StringContent("old 99999999999999999999999\n\n"),
            new ByteArrayContent([0xff, 0xfe, 0x00, 0xc3]),
            new ByteArrayContent([]),
        };
        foreach (var body in bodies)
        {
            // Expect: 100-continue, so that the refusal of a body too large arrives before the body is sent.
            using var request = new HttpRequestMessage(HttpMethod.Post, witness + "/add-checkpoint") { Content = body };
            request.Headers.ExpectContinue = true;
            using var response = await http.SendAsync(request);
            ((int)response.StatusCode).ShouldBeInRange(400, 499);
        }
        (await http.GetAsync(witness + "/add-checkpoint")).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await http.GetAsync(witness + "/no-such-thing")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The size a witness holds for the log: what it answers to old 0 (409), or 0 when it would cosign from nothing.</summary>
    private static async Task<long> SeenSizeAsync(HttpClient http, string witness, TestLog fork)
    {
        var probe = await PostAsync(http, witness, new TestLog(fork.Origin, new byte[32]).Append(1).AddCheckpointBody(0));
        probe.StatusCode.ShouldBe(HttpStatusCode.Forbidden); // a key the witness does not trust: nothing changes
        var ask = await PostAsync(http, witness, "old 0\n\n" + fork.SignedCheckpoint(0));
        return ask.StatusCode == HttpStatusCode.Conflict ? long.Parse((await ask.Content.ReadAsStringAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string witness, string body) =>
        http.PostAsync(witness + "/add-checkpoint", new StringContent(body, Encoding.UTF8, "text/plain"));

    /// <summary>Two witnesses on real loopback ports, then the app configured to use both.</summary>
    public sealed class WitnessedLog : IAsyncLifetime
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("rp-witnesses-").FullName;
        private readonly List<WebApplication> _witnesses = [];

        public byte[] LogSeed { get; } = RandomNumberGenerator.GetBytes(32);
        public string Origin { get; } = Infrastructure.Ledger.LedgerSetup.DefaultOrigin;
        public List<string> Urls { get; } = [];
        public List<string> Names { get; } = [];
        private readonly List<byte[]> _keys = [];
        public App App { get; private set; } = null!;

        public WitnessPolicy Policy(int quorum, TimeSpan maxAge) =>
            new([.. Names.Select((n, i) => new TrustedWitness(n, _keys[i]))], quorum, maxAge, DateTimeOffset.UtcNow);

        public async Task InitializeAsync()
        {
            var logKey = SignedNote.VerifierKey(Origin, new Ed25519PrivateKeyParameters(LogSeed).GeneratePublicKey().GetEncoded());
            var settings = new Dictionary<string, string?>
            {
                ["Ledger:SigningKey"] = Convert.ToBase64String(LogSeed),
                ["Ledger:WitnessPollMilliseconds"] = "100",
                ["Ledger:WitnessRefreshSeconds"] = "2",
            };
            foreach (var name in new[] { "charity.test/witness", "auditor.test/witness" })
            {
                var witness = WitnessHost.Build([], builder =>
                {
                    builder.WebHost.UseUrls("http://127.0.0.1:0");
                    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                    {
                        ["Witness:Name"] = name,
                        ["Witness:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                        ["Witness:Logs:0"] = logKey,
                        ["Witness:StateFile"] = Path.Combine(_folder, name.Replace('/', '_') + ".json"),
                        ["Logging:LogLevel:Default"] = "Warning",
                    });
                });
                await witness.StartAsync();
                _witnesses.Add(witness);
                var url = witness.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
                var verifierKey = witness.Services.GetRequiredService<Witness.Witness>().VerifierKey;
                SignedNote.TryParseVerifierKey(verifierKey, out var keyName, out var publicKey, SignedNote.CosignatureType).ShouldBeTrue();
                settings[$"Ledger:Witnesses:{Urls.Count}:Url"] = url;
                settings[$"Ledger:Witnesses:{Urls.Count}:Key"] = verifierKey;
                Urls.Add(url);
                Names.Add(keyName);
                _keys.Add(publicKey);
            }
            App = new App(settings);
            await App.InitializeAsync();
        }

        /// <summary>Appends entries, then waits until /ledger/checkpoint serves them with both witnesses' cosignatures.</summary>
        public async Task<long> AppendAndAwaitCosignaturesAsync(int count)
        {
            long total;
            await using (var scope = App.Services.CreateAsyncScope())
            {
                var outbox = scope.ServiceProvider.GetRequiredService<LedgerOutbox>();
                for (var i = 0; i < count; i++)
                {
                    outbox.Append(new SortedEntry(DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(), Domain.Hubs.LotStream.Recycle, 1000L,
                        [Domain.Pickups.ItemCategories.Clothing], []));
                }
                var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
                await db.SaveChangesAsync();
                total = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.LedgerEntries)
                    + await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.LedgerOutbox);
            }
            var client = App.CreateClient();
            for (var attempt = 0; attempt < 300; attempt++)
            {
                var note = await client.GetStringAsync("/ledger/checkpoint");
                SignedNote.TryParse(note, out var body, out var lines).ShouldBeTrue();
                Checkpoint.TryParse(body, out var checkpoint).ShouldBeTrue();
                if (checkpoint!.Size >= total && Names.All(n => lines.Any(l => l.KeyName == n)))
                {
                    return checkpoint.Size;
                }
                await Task.Delay(100);
            }
            throw new TimeoutException($"The checkpoint of {total} entries was not cosigned by both witnesses within 30 s.");
        }

        public async Task<(long Size, DateTimeOffset At)> NewestCosignatureAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            var newest = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                db.LedgerCosignatures.Where(c => c.Witness == Names[0]).OrderByDescending(c => c.CheckpointSize).ThenByDescending(c => c.CosignedAt));
            return (newest.CheckpointSize, newest.CosignedAt);
        }

        public async Task DisposeAsync()
        {
            await ((IAsyncLifetime)App).DisposeAsync();
            foreach (var witness in _witnesses)
            {
                await witness.DisposeAsync();
            }
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The app with the witnesses' settings on top of the usual test ones.</summary>
    public sealed class App(IReadOnlyDictionary<string, string?> settings) : RecycleWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
