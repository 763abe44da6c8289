using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Infrastructure.Notifications;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.IntegrationTests.Pickups;

namespace RecyclePlatform.IntegrationTests.Ledger;

/// <summary>
/// The whole custody chain on PostgreSQL: every transition gives exactly one entry per fact through
/// the one recorder, a save that skips the recorder fails, and deleting the donor's account leaves
/// nothing anywhere that joins the person to an entry, while every proof still holds.
/// </summary>
public sealed class CustodyChainTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly string _appData = Directory.CreateTempSubdirectory("rp-erasure-").FullName;
    private ServiceProvider _services = null!;
    private BookingScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _services = LedgerHarness.Services(fixture, more: services =>
        {
            // This test's own mail folder, so that it can search every file for the donor afterwards.
            var mail = Path.Combine(_appData, "mail");
            services.AddSingleton(new NotificationOptions(null, 0, null, null, false, "RecyclePlatform <no-reply@example.org>", mail,
                TimeSpan.FromSeconds(10), WorkerEnabled: false, Retention: TimeSpan.FromDays(30)));
            services.AddSingleton<INotificationRenderer, PlainRenderer>();
        });
        _scenario = await BookingScenario.CreateAsync(fixture, _services);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_appData, recursive: true);
    }

    [Fact]
    public async Task EveryCustodyTransition_WritesExactlyOneEntryPerFact_ThroughTheRecorder()
    {
        var kinds = new List<LedgerEntryKind>();
        async Task Expect(Func<Task> step, params LedgerEntryKind[] written)
        {
            var before = await OutboxKindsAsync();
            await step();
            var added = (await OutboxKindsAsync()).Skip(before.Count).ToList();
            added.ShouldBe(written, ignoreOrder: true);
            kinds.AddRange(added);
        }

        CollectedPickup first = null!;
        await Expect(async () => first = await _scenario.CollectedPickupAsync(), LedgerEntryKind.Collected);
        await Expect(() => AsHub(first.Hub, sp => sp.GetRequiredService<ReceiveHandoverHandler>()
            .HandleAsync(first.Reference, new ReceiveHandoverCommand { Labels = [.. first.Stop.Labels], Note = null, IntakeKg = 6.4m }, null, default)), LedgerEntryKind.ReceivedAtHub);
        IReadOnlyList<LotDto> lots = [];
        await Expect(async () => lots = await AsHub(first.Hub, sp => sp.GetRequiredService<SortPickupsHandler>().HandleAsync(Sort([first.Reference]), default)),
            LedgerEntryKind.Sorted, LedgerEntryKind.Sorted);
        var charity = await _scenario.AddPartnerAsync(PartnerKind.Charity);
        var recycler = await _scenario.AddPartnerAsync(PartnerKind.Recycler);
        var reuse = lots.Single(l => l.Stream == LotStream.Reuse);
        var recycle = lots.Single(l => l.Stream == LotStream.Recycle);
        await Expect(() => AsHub(first.Hub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(reuse.Id, charity.Id, null, default)),
            LedgerEntryKind.Allocated);
        await Expect(() => AsHub(first.Hub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(recycle.Id, recycler.Id, null, default)),
            LedgerEntryKind.Allocated);
        await Expect(() => _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<ConfirmLotReceiptHandler>()
            .HandleAsync(reuse.Id, new ConfirmReceiptCommand { Kg = 3, Items = 10 }, null, default)), LedgerEntryKind.ReceivedByPartner);
        var programme = await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<CreateProgrammeHandler>()
            .HandleAsync(new SaveProgrammeCommand { English = "Winter coats", Chinese = "冬衣" }, default));
        await Expect(() => _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<DistributeLotHandler>().HandleAsync(reuse.Id, new DistributeCommand { Programme = programme.Id.ToString(), Region = "310104", Date = DateOnly.FromDateTime(DateTime.UtcNow), Items = 4, Beneficiaries = 2 }, null, null, default)), LedgerEntryKind.Distributed);
        await Expect(() => _scenario.AsPartnerAsync(recycler.Id, sp => sp.GetRequiredService<ConfirmLotReceiptHandler>()
            .HandleAsync(recycle.Id, new ConfirmReceiptCommand { Kg = 2, Items = 0 }, null, default)), LedgerEntryKind.ReceivedByPartner);
        await Expect(() => _scenario.AsPartnerAsync(recycler.Id, sp => sp.GetRequiredService<RecycleLotHandler>().HandleAsync(recycle.Id, new RecycleLotCommand { Kg = 1.5m }, null, default)),
            LedgerEntryKind.Recycled);
        await LedgerHarness.SequenceAllAsync(_services);
        var distributed = await EntryIndexAsync(LedgerEntryKind.Distributed);
        await Expect(() => _scenario.AsAsync(Guid.CreateVersion7(), Roles.Admin, null, async sp =>
        {
            await sp.GetRequiredService<AppendLedgerCorrectionHandler>().HandleAsync(new CorrectionCommand
            {
                Corrects = distributed, Reason = CorrectionReason.WrongCount, Corrected = new() { ["beneficiaries"] = 3 },
            }, default);
            return true;
        }), LedgerEntryKind.Correction);

        // The factor table the totals use is put in force by the same recorder (not custody, but on the log).
        await Expect(() => _scenario.AsAsync(Guid.CreateVersion7(), Roles.Admin, null, async sp =>
        {
            await sp.GetRequiredService<Application.Impact.PublishImpactFactorsHandler>().HandleAsync(new Application.Impact.PublishImpactFactorsCommand
            {
                Factors = [.. Enum.GetValues<LotStream>().SelectMany(stream => Enum.GetValues<Domain.Impact.FactorMeasure>().Select(measure =>
                    new Application.Impact.FactorInput { Stream = stream, Measure = measure, Value = 100, Source = "Test", Year = 2024 }))],
            }, default);
            return true;
        }), LedgerEntryKind.ImpactFactors);

        // Every kind of custody entry was written, each by exactly the step that changed custody.
        kinds.Distinct().Order().ShouldBe(Enum.GetValues<LedgerEntryKind>());
        // The donor heard of the collection and the hand-over from the same recorder.
        await using var db = fixture.CreateContext();
        var donorMessages = await db.Notifications.Where(n => n.UserId == first.Donor).Select(n => n.Kind).ToListAsync();
        donorMessages.ShouldContain(NotificationKind.Collected);
        donorMessages.ShouldContain(NotificationKind.AtHub);
    }

    [Fact]
    public async Task ACorrection_MustFitItsField_AndPassTheOriginalRules()
    {
        await LedgerHarness.AddEntriesAsync(_services, 1);
        await LedgerHarness.SequenceAllAsync(_services);
        var sorted = await EntryIndexAsync(LedgerEntryKind.Sorted);

        async Task<string> Refused(CorrectionReason reason, System.Text.Json.Nodes.JsonObject corrected) =>
            (await Should.ThrowAsync<Domain.Common.DomainRuleException>(() => _scenario.AsAsync(Guid.CreateVersion7(), Roles.Admin, null, async sp =>
            {
                await sp.GetRequiredService<AppendLedgerCorrectionHandler>().HandleAsync(new CorrectionCommand { Corrects = sorted, Reason = reason, Corrected = corrected }, default);
                return true;
            }))).Code;

        (await Refused(CorrectionReason.WrongCount, new() { ["grams"] = 5_000 })).ShouldBe("ledger.correction_reason_mismatch");
        (await Refused(CorrectionReason.WrongWeight, new() { ["grams"] = 50 })).ShouldBe("ledger.correction_value_out_of_range");
        (await Refused(CorrectionReason.WrongWeight, new() { ["grams"] = "five kilos" })).ShouldBe("ledger.correction_fields");
        (await Refused(CorrectionReason.WrongWeight, new() { ["grams"] = 5.5 })).ShouldBe("ledger.correction_fields");
        (await Refused(CorrectionReason.WrongRegion, new() { ["region"] = "Lin's flat, 88 Jianguo Road" })).ShouldBe("distribution.region_invalid");
        (await Refused(CorrectionReason.WrongCount, new() { ["items"] = 3 })).ShouldBe("ledger.correction_fields"); // a sort has no items
        (await Refused(CorrectionReason.EnteredTwice, new() { ["grams"] = 5_000 })).ShouldBe("ledger.correction_incomplete");
        await using var db = fixture.CreateContext();
        (await db.LedgerOutbox.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task SavingACustodyChange_WithoutTheRecorder_Fails_AndSavesNothing()
    {
        var pickup = await _scenario.CollectedPickupAsync();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Pickups.SingleAsync(p => p.Reference == pickup.Reference);
        var outboxBefore = await db.LedgerOutbox.CountAsync();

        stored.ReceiveAtHub([.. pickup.Stop.Labels], null, DateTimeOffset.UtcNow);
        var refused = await Should.ThrowAsync<UnrecordedCustodyFactsException>(() => db.SaveChangesAsync());

        refused.Message.ShouldContain(nameof(Pickup));
        await using var fresh = fixture.CreateContext();
        (await fresh.Pickups.SingleAsync(p => p.Reference == pickup.Reference)).Status.ShouldBe(PickupStatus.PickedUp);
        (await fresh.LedgerOutbox.CountAsync()).ShouldBe(outboxBefore);
    }

    [Fact]
    public async Task DeletingTheAccount_AfterAFullChain_LeavesNothingThatJoinsThePersonToAnEntry()
    {
        // Door to distribution, with the donor's messages e-mailed into the mail folder.
        var first = await _scenario.CollectedPickupAsync();
        var stop = first.Stop;
        // This donor's own details (the scenario books every pickup with the same address).
        var mark = Guid.NewGuid().ToString("N")[..8];
        string phone = $"+86 139 {mark}", street = $"{mark} Jianguo Road", name = $"Lin {mark}", notes = $"Ring twice {mark}";
        await using (var db = fixture.CreateContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE pickups SET phone = {phone}, street = {street}, contact_name = {name}, access_notes = {notes} WHERE reference = {first.Reference}");
        }
        await AsHub(first.Hub, sp => sp.GetRequiredService<ReceiveHandoverHandler>().HandleAsync(first.Reference, new ReceiveHandoverCommand { Labels = [stop.Labels[0]], Note = $"one bag torn open {mark}" }, null, default));
        var lots = await AsHub(first.Hub, sp => sp.GetRequiredService<SortPickupsHandler>().HandleAsync(Sort([first.Reference]), default));
        var charity = await _scenario.AddPartnerAsync(PartnerKind.Charity);
        var reuse = lots.Single(l => l.Stream == LotStream.Reuse);
        await AsHub(first.Hub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(reuse.Id, charity.Id, null, default));
        await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<ConfirmLotReceiptHandler>()
            .HandleAsync(reuse.Id, new ConfirmReceiptCommand { Kg = 3, Items = 10 }, null, default));
        var programme = await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<CreateProgrammeHandler>()
            .HandleAsync(new SaveProgrammeCommand { English = "Winter coats", Chinese = "冬衣" }, default));
        await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<DistributeLotHandler>().HandleAsync(reuse.Id, new DistributeCommand { Programme = programme.Id.ToString(), Region = "310104", Date = DateOnly.FromDateTime(DateTime.UtcNow), Items = 4, Beneficiaries = 2 }, null, null, default));
        await using (var scope = _services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<NotificationDispatcher>().SendDueAsync(100, default)).ShouldBeGreaterThan(0);
        }
        await LedgerHarness.SequenceAllAsync(_services);
        var receipt = await _scenario.AsAsync(first.Donor, sp => sp.GetRequiredService<DonorReceipts>().GetMineAsync(first.Donor, first.Reference, default));
        string email;
        await using (var db = fixture.CreateContext())
        {
            email = await db.Users.Where(u => u.Id == first.Donor).Select(u => u.Email!).SingleAsync();
        }
        var mail = Path.Combine(_appData, "mail");
        Directory.EnumerateFiles(mail).Any(f => File.ReadAllText(f).Contains(email, StringComparison.OrdinalIgnoreCase)).ShouldBeTrue();
        // Before: the person's details, the reference and the labels are all there to be found.
        string[] personal = [phone, street, name, notes, $"torn open {mark}", email, first.Reference,
            PickupReference.Format(first.Reference), .. stop.Labels];
        (await TablesContainingAsync(first.Reference)).ShouldNotBeEmpty();
        (await TablesContainingAsync(phone)).ShouldBe(["pickups"]);

        await _scenario.AsAsync(first.Donor, async sp =>
        {
            await sp.GetRequiredService<DeleteAccountHandler>().HandleAsync(first.Donor, default);
            return true;
        });

        foreach (var value in personal)
        {
            (await TablesContainingAsync(value)).ShouldBeEmpty($"'{value}' is still stored");
            FilesContaining(value).ShouldBeEmpty($"'{value}' is still in a file");
        }
        // The commitment is only in the public log (and its index of the sorts that name it): no private row names it,
        // so nothing maps the person to an entry index.
        (await TablesContainingAsync(receipt.Commitment)).ShouldBe(["ledger_entries", "ledger_mentions"], ignoreOrder: true);
        await using (var scope = _services.CreateAsyncScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<LedgerQueries>();
            var (entries, root) = await LedgerHarness.ReadAllAsync(fixture);
            foreach (var entry in entries)
            {
                (await ledger.EntryAsync(entry.Index, default)).Verified.ShouldBeTrue();
            }
            (await ledger.LatestCheckpointAsync(default))!.RootHash.ShouldBe(Convert.ToBase64String(root));
            // The donor's own copy of the receipt code still opens their entries.
            (await ledger.ByReceiptCodeAsync(receipt.ReceiptCode!, default)).Count.ShouldBe(receipt.Entries.Count);
            var audit = await scope.ServiceProvider.GetRequiredService<LedgerSelfAudit>().RunAsync(default);
            audit.ShouldNotBeNull();
            audit.Passed.ShouldBeTrue(audit.Problem);
        }
    }

    [Fact]
    public async Task Retention_DeletesSentMessagesAndMailCopies_PastTheirDays_AndKeepsTheRest()
    {
        var pickup = await _scenario.CollectedPickupAsync();
        var donor = pickup.Donor;
        Guid pickupId;
        await using (var db = fixture.CreateContext())
        {
            pickupId = await db.Pickups.Where(p => p.Reference == pickup.Reference).Select(p => p.Id).SingleAsync();
            await db.Notifications.Where(n => n.UserId == donor).ExecuteDeleteAsync();
        }
        var now = DateTimeOffset.UtcNow;
        Notification Message(int daysAgo, bool sent) => new()
        {
            UserId = donor, Kind = NotificationKind.Collected, PickupId = pickupId, PickupReference = "ABCD-1234-X",
            TimeZone = "Asia/Shanghai", CreatedAt = now.AddDays(-daysAgo), NextAttemptAt = now, EmailSentAt = sent ? now.AddDays(-daysAgo) : null,
        };
        var oldSent = Message(40, sent: true);
        var oldUnsent = Message(40, sent: false);
        var recent = Message(2, sent: true);
        await using (var db = fixture.CreateContext())
        {
            db.Notifications.AddRange(oldSent, oldUnsent, recent);
            await db.SaveChangesAsync();
        }
        var mail = Directory.CreateDirectory(Path.Combine(_appData, "mail")).FullName;
        var oldCopy = Path.Combine(mail, "old.eml");
        var newCopy = Path.Combine(mail, "new.eml");
        await File.WriteAllTextAsync(oldCopy, "To: someone@example.org\r\n\r\nold");
        await File.WriteAllTextAsync(newCopy, "To: someone@example.org\r\n\r\nnew");
        File.SetLastWriteTimeUtc(oldCopy, DateTime.UtcNow.AddDays(-31));

        await using (var scope = _services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<NotificationRetention>().PurgeAsync(TimeSpan.FromDays(30), default)).ShouldBe(2);
        }

        await using var check = fixture.CreateContext();
        var left = await check.Notifications.Where(n => n.UserId == donor).Select(n => n.Id).ToListAsync();
        left.ShouldBe([oldUnsent.Id, recent.Id], ignoreOrder: true); // an unsent message is still owed to its donor
        File.Exists(oldCopy).ShouldBeFalse();
        File.Exists(newCopy).ShouldBeTrue();
    }

    /// <summary>The tables of the database in which any row, or any entry body, contains the text.</summary>
    private async Task<List<string>> TablesContainingAsync(string text)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var found = new List<string>();
        foreach (var table in tables)
        {
            // The row as text covers every column; byte columns (entry bodies, salts, photos) are searched as UTF-8 too.
            var byteColumns = await ColumnsOfTypeAsync(connection, table, "bytea");
            var condition = string.Join(" OR ", ["strpos(lower(t::text), lower(@text)) > 0",
                .. byteColumns.Select(c => $"strpos(lower(encode(\"{c}\", 'escape')), lower(@text)) > 0")]);
            await using var search = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM \"{table}\" t WHERE {condition})", connection);
            search.Parameters.AddWithValue("text", text);
            if ((bool)(await search.ExecuteScalarAsync())!)
            {
                found.Add(table);
            }
        }
        return found;
    }

    private static async Task<List<string>> ColumnsOfTypeAsync(NpgsqlConnection connection, string table, string type)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table AND data_type = @type", connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("type", type);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }

    private List<string> FilesContaining(string text) =>
        [.. Directory.EnumerateFiles(_appData, "*", SearchOption.AllDirectories)
            .Where(f => Encoding.UTF8.GetString(File.ReadAllBytes(f)).Contains(text, StringComparison.OrdinalIgnoreCase))];

    private async Task<List<LedgerEntryKind>> OutboxKindsAsync()
    {
        await using var db = fixture.CreateContext();
        var pending = await db.LedgerOutbox.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Kind).ToListAsync();
        var appended = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Index).Select(e => e.Kind).ToListAsync();
        return [.. appended, .. pending];
    }

    private async Task<long> EntryIndexAsync(LedgerEntryKind kind)
    {
        await using var db = fixture.CreateContext();
        return await db.LedgerEntries.Where(e => e.Kind == kind).OrderByDescending(e => e.Index).Select(e => e.Index).FirstAsync();
    }

    private Task<T> AsHub<T>(Guid hub, Func<IServiceProvider, Task<T>> work) => _scenario.AsAsync(Guid.CreateVersion7(), Roles.HubOperator, hub, work);

    private static SortCommand Sort(IEnumerable<string> references) => new()
    {
        Pickups = [.. references],
        Lots =
        [
            new LotInput { Stream = LotStream.Reuse, Kg = 3m, Categories = [ItemCategories.Clothing] },
            new LotInput { Stream = LotStream.Recycle, Kg = 2.5m, Categories = [ItemCategories.Clothing, ItemCategories.HomeTextiles] },
        ],
    };
}
