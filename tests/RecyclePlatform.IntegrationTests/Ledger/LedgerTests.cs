using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.IntegrationTests.Pickups;

namespace RecyclePlatform.IntegrationTests.Ledger;

/// <summary>The ledger on PostgreSQL: custody entries from real use cases, crash safety, one writer, append-only tables, donor privacy.</summary>
public sealed class LedgerTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private BookingScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _services = LedgerHarness.Services(fixture);
        _scenario = await BookingScenario.CreateAsync(fixture, _services);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task ACollection_CommitsItsDoorEntry_WhichTheSequencerAppendsWithAProof()
    {
        var pickup = await _scenario.CollectedPickupAsync(kg: 7.25m, bags: 2);
        await using (var db = fixture.CreateContext())
        {
            // Committed with the collection itself, waiting for an index.
            var stored = await db.Pickups.AsNoTracking().SingleAsync(p => p.Reference == pickup.Reference);
            var pending = await db.LedgerOutbox.AsNoTracking().Where(o => o.Subject == stored.LedgerCommitment).ToListAsync();
            pending.Single().Kind.ShouldBe(LedgerEntryKind.Collected);
        }

        await LedgerHarness.SequenceAllAsync(_services);

        await using var check = _services.CreateAsyncScope();
        var ledger = check.ServiceProvider.GetRequiredService<LedgerQueries>();
        var commitment = (await fixture.CreateContext().Pickups.AsNoTracking().SingleAsync(p => p.Reference == pickup.Reference)).LedgerCommitment!;
        var entry = (await ledger.BySubjectAsync(commitment, CancellationToken.None)).Single();
        var json = LedgerHarness.Json(Encoding.UTF8.GetBytes(entry.Entry.Entry));
        json["kind"]!.GetValue<string>().ShouldBe("collected");
        json["grams"]!.GetValue<long>().ShouldBe(7250);
        json["bags"]!.GetValue<int>().ShouldBe(2);
        json["hub"]!.GetValue<string>().ShouldBe(pickup.Hub.ToString());
        // Bags by commitment only: the labels printed on them hold the pickup reference.
        json["labelCommitments"]!.AsArray().Count.ShouldBe(2);
        entry.Entry.Entry.ShouldNotContain(pickup.Reference);
        // Nothing personal: no name, phone, street or account id anywhere in the entry.
        entry.Entry.Entry.ShouldNotContain("Lin Xiaoyu");
        // The whole phone number, spaced or not: three digits alone turn up in random hashes now and then.
        entry.Entry.Entry.ShouldNotContain("138 0013 8000");
        entry.Entry.Entry.ShouldNotContain("13800138000");
        entry.Entry.Entry.ShouldNotContain("Jianguo");
        entry.Entry.Entry.ShouldNotContain(pickup.Donor.ToString());
        entry.Verified.ShouldBeTrue();
        entry.Proof.ShouldNotBeNull();
        (await LedgerHarness.ReadAllAsync(fixture)).Root.ShouldBe(Convert.FromBase64String(entry.RootHash));
    }

    [Fact]
    public async Task TheHubHandover_AppendsReceivedAtHub_UnderTheSameCommitment()
    {
        var pickup = await _scenario.CollectedPickupAsync();
        var missing = await _scenario.AsAsync(Guid.CreateVersion7(), Roles.HubOperator, pickup.Hub, sp => sp.GetRequiredService<ReceiveHandoverHandler>()
            .HandleAsync(pickup.Reference, new ReceiveHandoverCommand { Labels = [pickup.Stop.Labels[0]], Note = "one bag torn open on the way" }, null, CancellationToken.None));
        await LedgerHarness.SequenceAllAsync(_services);

        await using var db = fixture.CreateContext();
        var commitment = (await db.Pickups.AsNoTracking().SingleAsync(p => p.Reference == pickup.Reference)).LedgerCommitment;
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.Subject == commitment).OrderBy(e => e.Index).ToListAsync();
        entries.Select(e => e.Kind).ShouldBe([LedgerEntryKind.Collected, LedgerEntryKind.ReceivedAtHub]);
        var received = LedgerHarness.Json(entries[1].Body);
        received["pickup"]!.GetValue<string>().ShouldBe(commitment);
        // One bag received and one missing, each named by its label commitment, never by the label itself.
        received["labelCommitments"]!.AsArray().Count.ShouldBe(1);
        received["missingLabelCommitments"]!.AsArray().Count.ShouldBe(missing.Count);
        received.ToJsonString().ShouldNotContain(pickup.Reference);
        received.ToJsonString().ShouldNotContain("torn");
    }

    [Fact]
    public async Task ARefusedChange_WritesNoEntry()
    {
        var pickup = await _scenario.CollectedPickupAsync();
        await LedgerHarness.SequenceAllAsync(_services);
        var before = await fixture.CreateContext().LedgerEntries.CountAsync();

        // Collecting again is an illegal transition: nothing is saved, so no entry either.
        await Should.ThrowAsync<Domain.Common.DomainRuleException>(() => _scenario.AsAsync(pickup.CourierUser, Roles.Courier, null,
            sp => sp.GetRequiredService<Application.Pickups.RecordPickupEventHandler>().HandleAsync(pickup.Reference,
                new Application.Pickups.RecordPickupEventCommand { Type = Application.Pickups.PickupEventType.PickedUp, Labels = [.. pickup.Stop.Labels], Bags = 2, WeightKg = 5 },
                null, null, CancellationToken.None)));

        await using var db = fixture.CreateContext();
        (await db.LedgerOutbox.CountAsync()).ShouldBe(0);
        (await db.LedgerEntries.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ACrashWhileSequencing_AppendsNothing_AndTheNextRoundAppendsEachEntryOnce()
    {
        await LedgerHarness.SequenceAllAsync(_services);
        var before = await fixture.CreateContext().LedgerEntries.CountAsync();
        await LedgerHarness.AddEntriesAsync(_services, 40);

        await using (var crashing = LedgerHarness.Services(fixture, more: s => s.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(new CrashBeforeCommit()))))
        {
            await Should.ThrowAsync<IOException>(() => LedgerHarness.SequenceAllAsync(crashing));
        }
        await using (var db = fixture.CreateContext())
        {
            (await db.LedgerEntries.CountAsync()).ShouldBe(before);
            (await db.LedgerOutbox.CountAsync()).ShouldBe(40);
        }

        (await LedgerHarness.SequenceAllAsync(_services)).ShouldBe(40);
        (await LedgerHarness.SequenceAllAsync(_services)).ShouldBe(0);
        var (entries, root) = await LedgerHarness.ReadAllAsync(fixture);
        entries.Count.ShouldBe(before + 40);
        entries.Select(e => e.OutboxId).Distinct().Count().ShouldBe(entries.Count);
        entries.Select(e => e.Index).ShouldBe(Enumerable.Range(0, entries.Count).Select(i => (long)i));
        await using var scope = _services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LedgerQueries>().LatestCheckpointAsync(CancellationToken.None))!.RootHash
            .ShouldBe(Convert.ToBase64String(root));
    }

    [Fact]
    public async Task TwoSequencers_OnTwoNodes_NeverBothAppend_AndTheLogNeverForks()
    {
        await LedgerHarness.AddEntriesAsync(_services, 1500);
        await using var nodeA = LedgerHarness.Services(fixture, batchSize: 40);
        await using var nodeB = LedgerHarness.Services(fixture, batchSize: 40);

        var rounds = await Task.WhenAll(Task.Run(() => LedgerHarness.SequenceAllAsync(nodeA)), Task.Run(() => LedgerHarness.SequenceAllAsync(nodeB)));
        await LedgerHarness.SequenceAllAsync(nodeA);

        var (entries, root) = await LedgerHarness.ReadAllAsync(fixture);
        entries.Select(e => e.Index).ShouldBe(Enumerable.Range(0, entries.Count).Select(i => (long)i));
        entries.Select(e => e.OutboxId).Distinct().Count().ShouldBe(entries.Count);
        rounds.Sum().ShouldBeGreaterThanOrEqualTo(1500);
        await using var db = fixture.CreateContext();
        (await db.LedgerOutbox.CountAsync()).ShouldBe(0);
        // Every checkpoint either node signed is a prefix of the final tree.
        var checkpoints = await db.LedgerCheckpoints.AsNoTracking().OrderBy(c => c.Size).ToListAsync();
        var leaves = entries.Select(e => Merkle.LeafHash(e.Body)).ToList();
        foreach (var checkpoint in checkpoints)
        {
            checkpoint.RootHash.ShouldBe(Merkle.RootFromLeafHashes(leaves.Take((int)checkpoint.Size).ToList()));
        }
        checkpoints[^1].RootHash.ShouldBe(root);
    }

    [Fact]
    public async Task TheAdvisoryLock_IsHeldByOneTransactionAtATime()
    {
        await using var scopeA = _services.CreateAsyncScope();
        await using var scopeB = _services.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<IAppDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<IAppDbContext>();
        await using var txA = await dbA.Database.BeginTransactionAsync();
        await using var txB = await dbB.Database.BeginTransactionAsync();

        (await scopeA.ServiceProvider.GetRequiredService<IAdvisoryLocks>().TryLockForTransactionAsync(AdvisoryLockIds.LedgerSequencer, default)).ShouldBeTrue();
        (await scopeB.ServiceProvider.GetRequiredService<IAdvisoryLocks>().TryLockForTransactionAsync(AdvisoryLockIds.LedgerSequencer, default)).ShouldBeFalse();
        await txA.CommitAsync();
        (await scopeB.ServiceProvider.GetRequiredService<IAdvisoryLocks>().TryLockForTransactionAsync(AdvisoryLockIds.LedgerSequencer, default)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("UPDATE ledger_entries SET subject = 'x'")]
    [InlineData("DELETE FROM ledger_entries")]
    [InlineData("TRUNCATE ledger_entries")]
    [InlineData("UPDATE ledger_nodes SET hash = '\\x00'")]
    [InlineData("DELETE FROM ledger_nodes")]
    [InlineData("UPDATE ledger_checkpoints SET note = 'forged'")]
    [InlineData("DELETE FROM ledger_checkpoints")]
    public async Task TheLedgerTables_RefuseUpdateAndDelete_InTheDatabaseItself(string sql)
    {
        await LedgerHarness.AddEntriesAsync(_services, 3);
        await LedgerHarness.SequenceAllAsync(_services);
        var before = await LedgerHarness.ReadAllAsync(fixture);

        await using var db = fixture.CreateContext();
        var refused = await Should.ThrowAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));

        refused.MessageText.ShouldContain("append-only");
        var after = await LedgerHarness.ReadAllAsync(fixture);
        after.Root.ShouldBe(before.Root);
    }

    [Fact]
    public async Task DeletingTheDonor_DeletesTheSalt_AndEveryProofStillVerifies()
    {
        var pickup = await _scenario.CollectedPickupAsync();
        await LedgerHarness.SequenceAllAsync(_services);
        var receipt = await _scenario.AsAsync(pickup.Donor, sp => sp.GetRequiredService<DonorReceipts>().GetMineAsync(pickup.Donor, pickup.Reference, CancellationToken.None));
        receipt.ReceiptCode.ShouldNotBeNull();
        receipt.Entries.ShouldAllBe(e => e.Verified);
        Guid pickupId;
        await using (var db = fixture.CreateContext())
        {
            pickupId = await db.Pickups.Where(p => p.Reference == pickup.Reference).Select(p => p.Id).SingleAsync();
        }

        await _scenario.AsAsync(pickup.Donor, async sp =>
        {
            await sp.GetRequiredService<DeleteAccountHandler>().HandleAsync(pickup.Donor, CancellationToken.None);
            return true;
        });

        await using (var db = fixture.CreateContext())
        {
            (await db.DonorLedgerSalts.AnyAsync(s => s.UserId == pickup.Donor)).ShouldBeFalse();
            var stored = await db.Pickups.AsNoTracking().SingleAsync(p => p.Id == pickupId);
            stored.ConsumerId.ShouldBeNull();
            // The reference printed on the bags and the commitment are gone from the pickup: nothing joins it to its entries...
            stored.Reference.ShouldNotBe(pickup.Reference);
            stored.LedgerCommitment.ShouldBeNull();
        }
        await using (var erased = _services.CreateAsyncScope())
        {
            var db = erased.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = await db.Pickups.AsNoTracking().SingleAsync(p => p.Id == pickupId);
            // ...and the platform itself can no longer produce the receipt code...
            (await erased.ServiceProvider.GetRequiredService<DonorCommitments>().ReceiptCodeAsync(stored, CancellationToken.None)).ShouldBeNull();
        }
        // ...but the donor's copy still opens the entries, and every proof in the log still holds.
        await using var scope = _services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerQueries>();
        var opened = await ledger.ByReceiptCodeAsync(receipt.ReceiptCode!, CancellationToken.None);
        opened.Select(e => e.Entry.Index).ShouldBe(receipt.Entries.Select(e => e.Entry.Index));
        opened.ShouldAllBe(e => e.Verified);
        var (entries, _) = await LedgerHarness.ReadAllAsync(fixture);
        foreach (var entry in entries)
        {
            (await ledger.EntryAsync(entry.Index, CancellationToken.None)).Verified.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task ConsistencyProofs_BetweenAnyTwoCheckpoints_Verify()
    {
        for (var round = 0; round < 4; round++)
        {
            await LedgerHarness.AddEntriesAsync(_services, 7 + round * 13);
            await LedgerHarness.SequenceAllAsync(_services);
        }
        await using var scope = _services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerQueries>();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var checkpoints = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.Size > 0).OrderBy(c => c.Size).ToListAsync();
        checkpoints.Count.ShouldBeGreaterThanOrEqualTo(4);
        var latest = checkpoints[^1];
        foreach (var old in checkpoints)
        {
            var proof = await ledger.ConsistencyAsync(old.Size, null, CancellationToken.None);
            Merkle.VerifyConsistency(old.Size, latest.Size, old.RootHash, latest.RootHash, [.. proof.Proof.Select(Convert.FromBase64String)])
                .ShouldBeTrue($"{old.Size} → {latest.Size}");
        }
        await Should.ThrowAsync<Domain.Common.DomainRuleException>(() => ledger.ConsistencyAsync(0, null, CancellationToken.None));
        await Should.ThrowAsync<Domain.Common.DomainRuleException>(() => ledger.ConsistencyAsync(1, latest.Size + 1, CancellationToken.None));
    }

    [Fact]
    public async Task ACorrection_IsANewEntryPointingAtTheOld_WhichStaysAsItWas()
    {
        await LedgerHarness.AddEntriesAsync(_services, 2);
        await LedgerHarness.SequenceAllAsync(_services);
        var (entries, _) = await LedgerHarness.ReadAllAsync(fixture);
        var original = entries[^1];

        async Task<string> Refused(CorrectionCommand command) => (await Should.ThrowAsync<Domain.Common.DomainRuleException>(() =>
            _scenario.AsAsync(Guid.CreateVersion7(), Roles.Admin, null, async sp =>
            {
                await sp.GetRequiredService<AppendLedgerCorrectionHandler>().HandleAsync(command, CancellationToken.None);
                return true;
            }))).Code;
        (await Refused(new CorrectionCommand { Corrects = original.Index, Reason = CorrectionReason.WrongWeight, Corrected = new() { ["kind"] = "waste" } }))
            .ShouldBe("ledger.correction_fields");
        (await Refused(new CorrectionCommand { Corrects = original.Index, Reason = CorrectionReason.WrongWeight, Corrected = new() { ["donorName"] = "Lin" } }))
            .ShouldBe("ledger.correction_fields");
        // A missing reason is bad input (a 400), refused by the command's validator before any rule is checked.
        (await Should.ThrowAsync<FluentValidation.ValidationException>(() => _scenario.AsAsync(Guid.CreateVersion7(), Roles.Admin, null, async sp =>
        {
            await sp.GetRequiredService<AppendLedgerCorrectionHandler>().HandleAsync(new CorrectionCommand { Corrects = original.Index, Corrected = new() { ["grams"] = 1 } }, CancellationToken.None);
            return true;
        }))).Errors.Single().ErrorCode.ShouldBe("ledger.correction_incomplete");

        await _scenario.AsAsync(Guid.CreateVersion7(), Roles.Admin, null, async sp =>
        {
            await sp.GetRequiredService<AppendLedgerCorrectionHandler>().HandleAsync(
                new CorrectionCommand { Corrects = original.Index, Reason = CorrectionReason.WrongWeight, Corrected = new() { ["grams"] = 12_345 } }, CancellationToken.None);
            return true;
        });
        await LedgerHarness.SequenceAllAsync(_services);

        var (after, root) = await LedgerHarness.ReadAllAsync(fixture);
        after.Single(e => e.Index == original.Index).Body.ShouldBe(original.Body);
        var correction = after[^1];
        correction.Kind.ShouldBe(LedgerEntryKind.Correction);
        correction.Subject.ShouldBe(original.Subject);
        var json = LedgerHarness.Json(correction.Body);
        json["corrects"]!.GetValue<long>().ShouldBe(original.Index);
        json["reason"]!.GetValue<string>().ShouldBe("wrong_weight");
        json["corrected"]!["grams"]!.GetValue<long>().ShouldBe(12_345);
        await using var scope = _services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LedgerQueries>().LatestCheckpointAsync(CancellationToken.None))!.RootHash.ShouldBe(Convert.ToBase64String(root));
    }

    /// <summary>Fails the sequencer's save after it has deleted its batch from the outbox, before the commit.</summary>
    private sealed class CrashBeforeCommit : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<LedgerEntryRecord>().Any()
                ? throw new IOException("simulated crash of the node while sequencing")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
