using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Crypto.Parameters;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.Tests;

namespace RecyclePlatform.IntegrationTests.Ledger;

/// <summary>
/// A key rotation's overlap: with Ledger:NextSigningKey set, every new checkpoint carries a signature
/// by the current key and one by the next, so verifiers (and witnesses) holding either accept it.
/// </summary>
public sealed class KeyRotationTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task DuringTheOverlap_CheckpointsAreSignedByBothKeys()
    {
        var current = RandomNumberGenerator.GetBytes(32);
        var next = RandomNumberGenerator.GetBytes(32);
        await using var services = DatabaseFixture.BuildServices(DatabaseProvider.Postgres, fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Ledger:SigningKey"] = Convert.ToBase64String(current),
            ["Ledger:NextSigningKey"] = Convert.ToBase64String(next),
        });
        await LedgerHarness.AddEntriesAsync(services, 3);
        await LedgerHarness.SequenceAllAsync(services);

        await using var scope = services.CreateAsyncScope();
        var note = (await scope.ServiceProvider.GetRequiredService<IAppDbContext>().LedgerCheckpoints.OrderByDescending(c => c.Size).FirstAsync()).Note;
        var origin = scope.ServiceProvider.GetRequiredService<ICheckpointSigner>().KeyName;
        SignedNote.TryParse(note, out _, out var signatures).ShouldBeTrue();
        signatures.Count.ShouldBe(2);
        foreach (var seed in new[] { current, next })
        {
            var key = new Ed25519PrivateKeyParameters(seed).GeneratePublicKey().GetEncoded();
            SignedCheckpoints.Open(note, origin, key, (m, s) => TestLog.Verify(key, m, s))!.Size.ShouldBe(3);
        }
        var stranger = new Ed25519PrivateKeyParameters(RandomNumberGenerator.GetBytes(32)).GeneratePublicKey().GetEncoded();
        SignedCheckpoints.Open(note, origin, stranger, (m, s) => TestLog.Verify(stranger, m, s)).ShouldBeNull();
    }
}
