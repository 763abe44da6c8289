using System.Security.Cryptography;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Tests;
using RecyclePlatform.Witness;

namespace RecyclePlatform.UnitTests.Ledger;

/// <summary>
/// The witness service (C2SP tlog-witness) against honest and dishonest logs: it cosigns only
/// what is consistent with what it cosigned before, and its state survives a restart.
/// </summary>
public sealed class WitnessTests : IDisposable
{
    private const string Origin = "recycle.test/ledger";
    private readonly string _folder = Directory.CreateTempSubdirectory("rp-witness-").FullName;
    private readonly byte[] _witnessSeed = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _logSeed = RandomNumberGenerator.GetBytes(32);
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

    private Witness.Witness NewWitness(params TestLog[] logs) => new(
        "charity.test/witness", new Ed25519Key(_witnessSeed),
        logs.Select(l => new TrustedLog(l.Origin, l.PublicKey)),
        new WitnessState(Path.Combine(_folder, "state.json")), _time);

    private TestLog NewLog() => new(Origin, _logSeed);

    [Fact]
    public void AnHonestLog_IsCosignedFromZero_ThenWithAProofFromTheLastCosignedSize()
    {
        var log = NewLog().Append(5);
        var witness = NewWitness(log);

        var first = witness.AddCheckpoint(log.AddCheckpointBody(0));
        first.Status.ShouldBe(200);
        AssertCosigns(witness, first.Body, log.CheckpointBody(5), _time.GetUtcNow());

        log.Append(1000);
        _time.Advance(TimeSpan.FromMinutes(3));
        var second = witness.AddCheckpoint(log.AddCheckpointBody(5));
        second.Status.ShouldBe(200);
        AssertCosigns(witness, second.Body, log.CheckpointBody(1005), _time.GetUtcNow());
        witness.Seen[Origin].Size.ShouldBe(1005);
    }

    [Fact]
    public void AnEmptyLog_IsCosigned_AndThenGrowsFromNothing()
    {
        var log = NewLog();
        var witness = NewWitness(log);
        witness.AddCheckpoint(log.AddCheckpointBody(0)).Status.ShouldBe(200);

        log.Append(3);
        witness.AddCheckpoint(log.AddCheckpointBody(0)).Status.ShouldBe(200);
        witness.Seen[Origin].Size.ShouldBe(3);
    }

    [Fact]
    public void TheSameCheckpointAgain_IsCosignedWithAFreshTimestamp()
    {
        var log = NewLog().Append(7);
        var witness = NewWitness(log);
        witness.AddCheckpoint(log.AddCheckpointBody(0)).Status.ShouldBe(200);

        _time.Advance(TimeSpan.FromMinutes(5));
        var again = witness.AddCheckpoint(log.AddCheckpointBody(7));

        again.Status.ShouldBe(200);
        AssertCosigns(witness, again.Body, log.CheckpointBody(7), _time.GetUtcNow());
    }

    [Fact]
    public void AWrongOldSize_IsAConflictNamingTheSizeTheWitnessCosigned()
    {
        var log = NewLog().Append(10);
        var witness = NewWitness(log);
        witness.AddCheckpoint(log.AddCheckpointBody(0)).Status.ShouldBe(200);
        log.Append(3);

        var reply = witness.AddCheckpoint(log.AddCheckpointBody(0));

        reply.Status.ShouldBe(409);
        reply.ContentType.ShouldBe("text/x.tlog.size");
        reply.Body.ShouldBe("10\n");
    }

    [Fact]
    public void ARolledBackLog_IsRefused()
    {
        var log = NewLog().Append(20);
        var witness = NewWitness(log);
        witness.AddCheckpoint(log.AddCheckpointBody(0)).Status.ShouldBe(200);

        // The operator shows a shorter tree, claiming it is all there is.
        witness.AddCheckpoint(log.AddCheckpointBody(20, size: 12)).Status.ShouldBe(400); // old above the new size
        var fromZero = witness.AddCheckpoint(log.AddCheckpointBody(0, size: 12));
        fromZero.Status.ShouldBe(409);
        fromZero.Body.ShouldBe("20\n");
        witness.Seen[Origin].Size.ShouldBe(20);
    }

    [Fact]
    public void AForkedLog_IsRefused_AtTheSameSizeAndWhenItGrows()
    {
        var log = NewLog().Append(20);
        var witness = NewWitness(log);
        witness.AddCheckpoint(log.AddCheckpointBody(0)).Status.ShouldBe(200);

        // Another tree of the same size (entry 17 rewritten), signed with the log's real key.
        var fork = log.Fork(17, _logSeed).Append(3, "rewritten");
        witness.AddCheckpoint(fork.AddCheckpointBody(20)).Status.ShouldBe(409);

        // The fork grown further, with a proof from its own size 20: it does not lead from the witnessed root.
        fork.Append(30);
        witness.AddCheckpoint(fork.AddCheckpointBody(20)).Status.ShouldBe(422);
        witness.Seen[Origin].RootHash.ShouldBe(log.Root(20));
    }

    [Fact]
    public void UnknownLogs_BadSignatures_AndMalformedBodies_AreRefusedWithTheSpecsCodes()
    {
        var log = NewLog().Append(4);
        var witness = NewWitness(log);

        witness.AddCheckpoint(new TestLog("other.test/ledger").Append(4).AddCheckpointBody(0)).Status.ShouldBe(404);
        var impostor = new TestLog(Origin, RandomNumberGenerator.GetBytes(32)).Append(4);
        witness.AddCheckpoint(impostor.AddCheckpointBody(0)).Status.ShouldBe(403);
        foreach (var bad in new[] { "", "old 0\n", "old -1\n\n" + log.SignedCheckpoint(), "old 01\n\n" + log.SignedCheckpoint(),
                     "old 0\nnot-base64\n\n" + log.SignedCheckpoint(), "old 0\n\n\0\u00e9\U0001F600", new string('x', 100_000) })
        {
            witness.AddCheckpoint(bad).Status.ShouldBe(400, bad.Length > 40 ? bad[..40] : bad);
        }
        witness.AddCheckpoint(log.AddCheckpointBody(0) + "trailing").Status.ShouldBe(400);
        witness.Seen.ShouldBeEmpty();
    }

    [Fact]
    public void ItsMemory_SurvivesARestart()
    {
        var log = NewLog().Append(9);
        NewWitness(log).AddCheckpoint(log.AddCheckpointBody(0)).Status.ShouldBe(200);

        var restarted = NewWitness(log);

        restarted.Seen[Origin].Size.ShouldBe(9);
        restarted.AddCheckpoint(NewLog().Fork(0, _logSeed).Append(3).AddCheckpointBody(0)).Status.ShouldBe(409);
    }

    [Fact]
    public void RacingSubmissions_NeverRollTheWitnessBack()
    {
        var log = NewLog().Append(1);
        var witness = NewWitness(log);
        witness.AddCheckpoint(log.AddCheckpointBody(0)).Status.ShouldBe(200);
        log.Append(200);
        var bodies = Enumerable.Range(2, 200).Select(size => log.AddCheckpointBody(1, size)).ToList();

        var replies = bodies.AsParallel().WithDegreeOfParallelism(8).Select(witness.AddCheckpoint).ToList();

        // From size 1 exactly one can win; every other is told the size it lost to.
        replies.Count(r => r.Status == 200).ShouldBe(1);
        replies.Where(r => r.Status != 200).ShouldAllBe(r => r.Status == 409);
        witness.Seen[Origin].Size.ShouldBeGreaterThan(1);
    }

    [Fact]
    public void TwoKeysForOneOrigin_AreBothTrusted_ForAKeyRotation()
    {
        var old = NewLog().Append(3);
        var rotated = old.Fork(3, RandomNumberGenerator.GetBytes(32)).Append(2);
        var witness = NewWitness(old, rotated);

        witness.AddCheckpoint(old.AddCheckpointBody(0)).Status.ShouldBe(200);
        witness.AddCheckpoint(rotated.AddCheckpointBody(3)).Status.ShouldBe(200);
    }

    private static void AssertCosigns(Witness.Witness witness, string body, string checkpointBody, DateTimeOffset at)
    {
        body.ShouldStartWith("\u2014 charity.test/witness ");
        SignedNote.TryParse(checkpointBody + "\n" + body, out _, out var lines).ShouldBeTrue();
        SignedNote.TryParseVerifierKey(witness.VerifierKey, out var name, out var key, SignedNote.CosignatureType).ShouldBeTrue();
        Cosignature.Verify(lines.Single(), checkpointBody, name, key, (m, s) => TestLog.Verify(key, m, s)).ShouldBe(at);
        // A cosignature is not a log signature: the same bytes do not verify as one over the checkpoint alone.
        Cosignature.Verify(lines.Single(), checkpointBody.Replace("\n", "\n ", StringComparison.Ordinal), name, key, (m, s) => TestLog.Verify(key, m, s)).ShouldBeNull();
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
