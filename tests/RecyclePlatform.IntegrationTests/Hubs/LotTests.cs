using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.IntegrationTests.Ledger;
using RecyclePlatform.IntegrationTests.Pickups;

namespace RecyclePlatform.IntegrationTests.Hubs;

/// <summary>From the hub's scale to the charity's distribution on PostgreSQL: each step, its ledger entry, scoping and refusals.</summary>
public sealed class LotTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private BookingScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _services = LedgerHarness.Services(fixture);
        _scenario = await BookingScenario.CreateAsync(fixture, _services);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    /// <summary>Two pickups collected by couriers of one hub and received there (the first weighed 9.9 kg at intake against 6.5 at the door).</summary>
    private async Task<(Guid Hub, List<string> References)> ReceivedAtHubAsync()
    {
        var first = await _scenario.CollectedPickupAsync(kg: 6.5m);
        var second = await _scenario.CollectedPickupAsync(kg: 4m);
        // Both couriers belong to the first pickup's hub.
        await using (var db = fixture.CreateContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE couriers SET hub_id = {first.Hub} WHERE id IN (SELECT courier_id FROM pickups WHERE reference = {second.Reference})");
        }
        await AsHub(first.Hub, sp => sp.GetRequiredService<ReceiveHandoverHandler>().HandleAsync(first.Reference, new ReceiveHandoverCommand { Labels = [.. first.Stop.Labels], Note = null, IntakeKg = 9.9m }, null, default));
        await AsHub(first.Hub, sp => sp.GetRequiredService<ReceiveHandoverHandler>().HandleAsync(second.Reference, new ReceiveHandoverCommand { Labels = [.. second.Stop.Labels], Note = null }, null, default));
        return (first.Hub, [first.Reference, second.Reference]);
    }

    private Task<T> AsHub<T>(Guid hub, Func<IServiceProvider, Task<T>> work) => _scenario.AsAsync(Guid.CreateVersion7(), Roles.HubOperator, hub, work);

    private static SortCommand Sort(IEnumerable<string> references, decimal reuseKg = 8m, decimal recycleKg = 5m) => new()
    {
        Pickups = [.. references],
        Lots =
        [
            new LotInput { Stream = LotStream.Reuse, Kg = reuseKg, Categories = [ItemCategories.Clothing] },
            new LotInput { Stream = LotStream.Recycle, Kg = recycleKg, Categories = [ItemCategories.Clothing, ItemCategories.HomeTextiles] },
        ],
    };

    private async Task<List<LedgerEntryRecord>> EntriesAsync(string subject)
    {
        await using var db = fixture.CreateContext();
        return await db.LedgerOutbox.AsNoTracking().AnyAsync()
            ? throw new InvalidOperationException("Sequence first.")
            : await db.LedgerEntries.AsNoTracking().Where(e => e.Subject == subject).OrderBy(e => e.Index).ToListAsync();
    }

    [Fact]
    public async Task TheHub_WeighsSortsAndAllocates_AndEachStepIsACustodyEntry()
    {
        var (hub, references) = await ReceivedAtHubAsync();
        var sortable = await AsHub(hub, sp => sp.GetRequiredService<HubQueries>().SortableAsync(default));
        sortable.Select(s => s.Reference.Replace("-", "", StringComparison.Ordinal)).Order().ShouldBe(references.Order());
        sortable.Single(s => s.Kg == 9.9m).WeightDiscrepancy.ShouldBeTrue();

        var lots = await AsHub(hub, sp => sp.GetRequiredService<SortPickupsHandler>().HandleAsync(Sort(references), default));
        var charity = await _scenario.AddPartnerAsync(PartnerKind.Charity);
        var recycler = await _scenario.AddPartnerAsync(PartnerKind.Recycler);
        var reuse = lots.Single(l => l.Stream == LotStream.Reuse);
        var recycle = lots.Single(l => l.Stream == LotStream.Recycle);
        await AsHub(hub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(reuse.Id, charity.Id, reuse.Version, default));
        await AsHub(hub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(recycle.Id, recycler.Id, null, default));
        await LedgerHarness.SequenceAllAsync(_services);

        await using var db = fixture.CreateContext();
        var pickups = await db.Pickups.AsNoTracking().Where(p => references.Contains(p.Reference)).ToListAsync();
        pickups.ShouldAllBe(p => p.Status == PickupStatus.Sorted);
        var weighed = await EntriesAsync(pickups.Single(p => p.IntakeKg == 9.9m).LedgerCommitment!);
        var intake = LedgerHarness.Json(weighed.Single(e => e.Kind == LedgerEntryKind.ReceivedAtHub).Body);
        intake["grams"]!.GetValue<long>().ShouldBe(9900);
        intake["weightDiscrepancy"]!.GetValue<bool>().ShouldBeTrue();
        var reuseEntries = await EntriesAsync(reuse.Id.ToString("D"));
        reuseEntries.Select(e => e.Kind).ShouldBe([LedgerEntryKind.Sorted, LedgerEntryKind.Allocated]);
        var sorted = LedgerHarness.Json(reuseEntries[0].Body);
        sorted["stream"]!.GetValue<string>().ShouldBe("reuse");
        sorted["grams"]!.GetValue<long>().ShouldBe(8000);
        sorted["pickups"]!.AsArray().Select(p => p!.GetValue<string>()).Order().ShouldBe(pickups.Select(p => p.LedgerCommitment!).Order());
        LedgerHarness.Json(reuseEntries[1].Body)["partner"]!.GetValue<string>().ShouldBe(charity.Id.ToString("D"));
    }

    [Fact]
    public async Task RefusedSortsAndAllocations_ChangeNothing_AndWriteNoEntry()
    {
        var (hub, references) = await ReceivedAtHubAsync();
        await LedgerHarness.SequenceAllAsync(_services);
        var before = await fixture.CreateContext().LedgerEntries.CountAsync();
        var otherHub = (await _scenario.AddCourierAsync()).HubId;

        (await Should.ThrowAsync<DomainRuleException>(() => AsHub(hub, sp => sp.GetRequiredService<SortPickupsHandler>().HandleAsync(Sort(references, 12m, 4m), default))))
            .Code.ShouldBe("sort.more_than_received");
        await Should.ThrowAsync<NotFoundException>(() => AsHub(otherHub, sp => sp.GetRequiredService<SortPickupsHandler>().HandleAsync(Sort(references), default)));
        var twice = Sort(references);
        twice.Lots.Add(new LotInput { Stream = LotStream.Reuse, Kg = 1, Categories = [ItemCategories.Shoes] });
        (await Should.ThrowAsync<FluentValidation.ValidationException>(() => AsHub(hub, sp => sp.GetRequiredService<SortPickupsHandler>().HandleAsync(twice, default))))
            .Errors.ShouldContain(e => e.ErrorCode == "sort.stream_twice");

        var lots = await AsHub(hub, sp => sp.GetRequiredService<SortPickupsHandler>().HandleAsync(new SortCommand
        {
            Pickups = references,
            Lots = [new LotInput { Stream = LotStream.Reuse, Kg = 6, Categories = [ItemCategories.Clothing] }, new LotInput { Stream = LotStream.Waste, Kg = 2, Categories = [ItemCategories.Clothing] }],
        }, default));
        await LedgerHarness.SequenceAllAsync(_services);
        before = await fixture.CreateContext().LedgerEntries.CountAsync();
        var reuse = lots.Single(l => l.Stream == LotStream.Reuse);
        var waste = lots.Single(l => l.Stream == LotStream.Waste);
        var recycler = await _scenario.AddPartnerAsync(PartnerKind.Recycler);
        var farCharity = await _scenario.AddPartnerAsync(PartnerKind.Charity, (await BookingScenario.CreateAsync(fixture, _services)).City.Id);
        var charity = await _scenario.AddPartnerAsync(PartnerKind.Charity);

        async Task<string> Refused(Guid lot, Guid partner, Guid asHub) =>
            (await Should.ThrowAsync<DomainRuleException>(() => AsHub(asHub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(lot, partner, null, default)))).Code;
        (await Refused(reuse.Id, recycler.Id, hub)).ShouldBe("lot.partner_wrong_kind");
        (await Refused(reuse.Id, farCharity.Id, hub)).ShouldBe("lot.partner_not_in_city");
        (await Refused(waste.Id, charity.Id, hub)).ShouldBe("lot.waste_not_allocated");
        await Should.ThrowAsync<NotFoundException>(() => AsHub(otherHub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(reuse.Id, charity.Id, null, default)));
        await Should.ThrowAsync<StaleVersionException>(() => AsHub(hub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(reuse.Id, charity.Id, reuse.Version + 7, default)));
        await AsHub(hub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(reuse.Id, charity.Id, null, default));
        (await Refused(reuse.Id, charity.Id, hub)).ShouldBe("lot.already_allocated");

        await using var db = fixture.CreateContext();
        (await db.LedgerOutbox.CountAsync() + await db.LedgerEntries.CountAsync()).ShouldBe(before + 1);
        (await db.Lots.AsNoTracking().SingleAsync(l => l.Id == waste.Id)).Status.ShouldBe(LotStatus.Sorted);
    }

    [Fact]
    public async Task TheCharity_ConfirmsDistributes_AndSeesAVerifiedTrailFromTheDoor()
    {
        var (hub, references) = await ReceivedAtHubAsync();
        var lots = await AsHub(hub, sp => sp.GetRequiredService<SortPickupsHandler>().HandleAsync(Sort(references), default));
        var charity = await _scenario.AddPartnerAsync(PartnerKind.Charity);
        var other = await _scenario.AddPartnerAsync(PartnerKind.Charity);
        var reuse = lots.Single(l => l.Stream == LotStream.Reuse);
        await AsHub(hub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(reuse.Id, charity.Id, null, default));
        await LedgerHarness.SequenceAllAsync(_services);
        var entriesBefore = await fixture.CreateContext().LedgerEntries.CountAsync();

        // Refused: another charity's lot, more kg than allocated without a note.
        await Should.ThrowAsync<NotFoundException>(() => _scenario.AsPartnerAsync(other.Id, sp => sp.GetRequiredService<ConfirmLotReceiptHandler>()
            .HandleAsync(reuse.Id, new ConfirmReceiptCommand { Kg = 8, Items = 40 }, null, default)));
        (await _scenario.AsPartnerAsync(other.Id, sp => sp.GetRequiredService<PartnerLotQueries>().MineAsync(default))).ShouldBeEmpty();
        (await Should.ThrowAsync<DomainRuleException>(() => _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<ConfirmLotReceiptHandler>()
            .HandleAsync(reuse.Id, new ConfirmReceiptCommand { Kg = 8.4m, Items = 40 }, null, default)))).Code.ShouldBe("lot.more_than_allocated_needs_note");

        var received = await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<ConfirmLotReceiptHandler>()
            .HandleAsync(reuse.Id, new ConfirmReceiptCommand { Kg = 8.4m, Items = 40, Note = "weighed wet" }, null, default));
        received.Status.ShouldBe(LotStatus.Received);
        (await Should.ThrowAsync<DomainRuleException>(() => _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<ConfirmLotReceiptHandler>()
            .HandleAsync(reuse.Id, new ConfirmReceiptCommand { Kg = 8, Items = 40 }, null, default)))).Code.ShouldBe("lot.already_received");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var coats = await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<CreateProgrammeHandler>()
            .HandleAsync(new SaveProgrammeCommand { English = "Winter coats", Chinese = "冬衣" }, default));
        // Free text where the entry would carry it is refused by field, and nothing is appended.
        var freeText = await Should.ThrowAsync<FluentValidation.ValidationException>(() => _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<DistributeLotHandler>()
            .HandleAsync(reuse.Id, new DistributeCommand { Programme = "Winter coats for Mr Li, 13800138000", Date = today, Region = "12 Main Street", Items = 1, Beneficiaries = 1 }, null, null, default)));
        freeText.Errors.Select(e => (e.PropertyName, e.ErrorCode)).ShouldBe(
            [("Programme", "distribution.programme_unknown"), ("Region", "distribution.region_invalid")], ignoreOrder: true);
        // Another charity's programme is not this one's to use.
        var theirs = await _scenario.AsPartnerAsync(other.Id, sp => sp.GetRequiredService<CreateProgrammeHandler>()
            .HandleAsync(new SaveProgrammeCommand { English = "Their programme", Chinese = "他们的项目" }, default));
        (await Should.ThrowAsync<DomainRuleException>(() => _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<DistributeLotHandler>()
            .HandleAsync(reuse.Id, new DistributeCommand { Programme = theirs.Id.ToString(), Date = today, Region = "110101", Items = 1, Beneficiaries = 1 }, null, null, default))))
            .Code.ShouldBe("distribution.programme_unknown");
        DistributeCommand Give(int items) => new() { Programme = coats.Id.ToString(), Date = today, Region = "110101", Items = items, Beneficiaries = 12 };
        await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<DistributeLotHandler>().HandleAsync(reuse.Id, Give(30), null, null, default));
        (await Should.ThrowAsync<DomainRuleException>(() => _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<DistributeLotHandler>()
            .HandleAsync(reuse.Id, Give(11), null, null, default)))).Code.ShouldBe("lot.distribution_exceeds_received");
        await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<DistributeLotHandler>().HandleAsync(reuse.Id, Give(10), null, null, default));
        await LedgerHarness.SequenceAllAsync(_services);

        await using (var db = fixture.CreateContext())
        {
            // receipt + 2 distributions; the refused attempts wrote nothing
            (await db.LedgerEntries.CountAsync()).ShouldBe(entriesBefore + 3);
            var receipt = LedgerHarness.Json((await EntriesAsync(reuse.Id.ToString("D"))).Single(e => e.Kind == LedgerEntryKind.ReceivedByPartner).Body);
            receipt["grams"]!.GetValue<long>().ShouldBe(8400);
            receipt["discrepancy"]!.GetValue<bool>().ShouldBeTrue();
            receipt.ToJsonString().ShouldNotContain("wet");
            var given = (await EntriesAsync(reuse.Id.ToString("D"))).Where(e => e.Kind == LedgerEntryKind.Distributed).Select(e => LedgerHarness.Json(e.Body)).ToList();
            given.ShouldAllBe(g => g["programme"]!.GetValue<string>() == coats.Id.ToString("D") && g["region"]!.GetValue<string>() == "110101");
        }

        var trail = await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<AuditTrail>().RowsAsync(new AuditFilter(null, null, null, reuse.Id), default));
        trail.Select(r => r.Kind).ShouldBe(["collected", "collected", "received_at_hub", "received_at_hub", "sorted", "allocated", "received_by_partner", "distributed", "distributed"], ignoreOrder: true);
        trail.ShouldAllBe(r => r.Verified);
        (await _scenario.AsPartnerAsync(other.Id, sp => sp.GetRequiredService<AuditTrail>().RowsAsync(new AuditFilter(null, null, null, null), default))).ShouldBeEmpty();
        (await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<AuditTrail>().RowsAsync(new AuditFilter(today.AddDays(1), null, null, null), default))).ShouldBeEmpty();

        var year = await _scenario.AsPartnerAsync(charity.Id, sp => sp.GetRequiredService<AuditTrail>().YearAsync(today.Year, default));
        (year.LotsReceived, year.KgReceived, year.ItemsReceived, year.ItemsDistributed, year.Beneficiaries).ShouldBe((1, 8.4m, 40, 40, 24));
        year.Programmes.Single().ShouldBe(new ProgrammeTotals(new Application.Cities.NameDto("Winter coats", "冬衣"), 2, 40, 24));
        year.EntriesVerified.ShouldBe(year.Entries);

        // The donor sees where it went.
        var donor = (await fixture.CreateContext().Pickups.AsNoTracking().SingleAsync(p => p.Reference == references[0])).ConsumerId!.Value;
        var where = await _scenario.AsAsync(donor, sp => sp.GetRequiredService<DonorReceipts>().GetMineAsync(donor, references[0], default));
        where.Lots.Single(l => l.Stream == LotStream.Reuse).Partner!.En.ShouldBe("Test Charity");
        where.Lots.Single(l => l.Stream == LotStream.Reuse).Distributions.Sum(d => d.Items).ShouldBe(40);
        where.Entries.Select(e => e.Entry.Kind).ShouldContain("distributed");
    }

    [Fact]
    public async Task TheRecycler_ConfirmsAndRecordsRecycling_WithinWhatItReceived()
    {
        var (hub, references) = await ReceivedAtHubAsync();
        var lots = await AsHub(hub, sp => sp.GetRequiredService<SortPickupsHandler>().HandleAsync(Sort(references), default));
        var recycler = await _scenario.AddPartnerAsync(PartnerKind.Recycler);
        var recycle = lots.Single(l => l.Stream == LotStream.Recycle);
        await AsHub(hub, sp => sp.GetRequiredService<AllocateLotHandler>().HandleAsync(recycle.Id, recycler.Id, null, default));

        await _scenario.AsPartnerAsync(recycler.Id, sp => sp.GetRequiredService<ConfirmLotReceiptHandler>().HandleAsync(recycle.Id, new ConfirmReceiptCommand { Kg = 5, Items = 0 }, null, default));
        await _scenario.AsPartnerAsync(recycler.Id, sp => sp.GetRequiredService<RecycleLotHandler>().HandleAsync(recycle.Id, new RecycleLotCommand { Kg = 4.5m }, null, default));
        (await Should.ThrowAsync<DomainRuleException>(() => _scenario.AsPartnerAsync(recycler.Id, sp => sp.GetRequiredService<RecycleLotHandler>()
            .HandleAsync(recycle.Id, new RecycleLotCommand { Kg = 1 }, null, default)))).Code.ShouldBe("lot.recycled_exceeds_received");
        (await Should.ThrowAsync<DomainRuleException>(() => _scenario.AsPartnerAsync(recycler.Id, sp => sp.GetRequiredService<DistributeLotHandler>()
            .HandleAsync(recycle.Id, new DistributeCommand { Programme = Guid.CreateVersion7().ToString(), Region = "110101", Date = DateOnly.FromDateTime(DateTime.UtcNow), Items = 1, Beneficiaries = 1 }, null, null, default))))
            .Code.ShouldBe("lot.not_reuse");
        await LedgerHarness.SequenceAllAsync(_services);

        (await EntriesAsync(recycle.Id.ToString("D"))).Select(e => e.Kind)
            .ShouldBe([LedgerEntryKind.Sorted, LedgerEntryKind.Allocated, LedgerEntryKind.ReceivedByPartner, LedgerEntryKind.Recycled]);
    }
}
