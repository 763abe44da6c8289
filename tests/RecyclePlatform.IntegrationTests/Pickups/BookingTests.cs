using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.IntegrationTests.Pickups;

/// <summary>Booking, rescheduling and cancelling against the real database, including under contention.</summary>
public abstract class BookingTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private BookingScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _services = BookingScenario.Services(fixture);
        _scenario = await BookingScenario.CreateAsync(fixture, _services);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private Task<BookingResult> BookAsync(Guid donor, BookPickupCommand command, string? key = null) =>
        _scenario.AsAsync(donor, sp => sp.GetRequiredService<BookPickupHandler>().HandleAsync(command, key, CancellationToken.None));

    private async Task<int> BookedAsync(Guid slotId)
    {
        await using var db = fixture.CreateContext();
        return await db.Slots.Where(s => s.Id == slotId).Select(s => s.Booked).SingleAsync();
    }

    [Fact]
    public async Task Book_SavesThePickup_TakesAPlace_AndLabelsEachBag()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 3);
        var donor = (await _scenario.AddDonorsAsync(1))[0];

        var result = await BookAsync(donor, _scenario.Command(slot.Id, bags: 3));

        (await BookedAsync(slot.Id)).ShouldBe(1);
        var details = await _scenario.AsAsync(donor, sp => sp.GetRequiredService<PickupQueries>().GetMineAsync(donor, result.Reference, CancellationToken.None));
        details.Status.ShouldBe(PickupStatus.Booked);
        details.Labels.Count.ShouldBe(3);
        details.Timeline.ShouldHaveSingleItem().To.ShouldBe(PickupStatus.Booked);
        details.Address.Street.ShouldBe("88 Jianguo Road");
        details.CanChange.ShouldBeTrue();
    }

    [Fact]
    public async Task FullWindow_IsRefusedWithACode_AndNothingIsSaved()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 1);
        var donors = await _scenario.AddDonorsAsync(2);
        await BookAsync(donors[0], _scenario.Command(slot.Id));

        var refused = await Should.ThrowAsync<DomainRuleException>(() => BookAsync(donors[1], _scenario.Command(slot.Id)));

        refused.Code.ShouldBe("slot.full");
        (await BookedAsync(slot.Id)).ShouldBe(1);
        await using var db = fixture.CreateContext();
        (await db.Pickups.CountAsync(p => p.SlotId == slot.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task SameIdempotencyKey_SameRequest_ReplaysTheFirstBooking()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 5);
        var donor = (await _scenario.AddDonorsAsync(1))[0];

        var first = await BookAsync(donor, _scenario.Command(slot.Id), key: "retry-1");
        var again = await BookAsync(donor, _scenario.Command(slot.Id), key: "retry-1");

        // The first answer carries the pickup it made (the API answers from it); a replay has only its id and reference.
        first.Booked.ShouldNotBeNull().Reference.ShouldBe(first.Reference);
        again.ShouldBe(first with { Replayed = true, Booked = null });
        (await BookedAsync(slot.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task SameIdempotencyKey_AnotherRequest_IsRefused()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 5);
        var donor = (await _scenario.AddDonorsAsync(1))[0];
        await BookAsync(donor, _scenario.Command(slot.Id, bags: 2), key: "k");

        var refused = await Should.ThrowAsync<DomainRuleException>(() => BookAsync(donor, _scenario.Command(slot.Id, bags: 3), key: "k"));

        refused.Code.ShouldBe("idempotency.key_reused");
        (await BookedAsync(slot.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task OneConsumer_CannotReadOrChange_AnothersPickup()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 5);
        var donors = await _scenario.AddDonorsAsync(2);
        var mine = await BookAsync(donors[0], _scenario.Command(slot.Id));

        await Should.ThrowAsync<NotFoundException>(() => _scenario.AsAsync(donors[1],
            sp => sp.GetRequiredService<PickupQueries>().GetMineAsync(donors[1], mine.Reference, CancellationToken.None)));
        await Should.ThrowAsync<NotFoundException>(() => _scenario.AsAsync(donors[1],
            sp => sp.GetRequiredService<CancelPickupHandler>().HandleAsync(mine.Reference, new CancelPickupCommand(), null, CancellationToken.None)));
        (await BookedAsync(slot.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task Reschedule_MovesThePlace_AndCancel_FreesIt()
    {
        var first = await _scenario.AddSlotAsync(capacity: 2, daysAhead: 1);
        var second = await _scenario.AddSlotAsync(capacity: 2, daysAhead: 2);
        var donor = (await _scenario.AddDonorsAsync(1))[0];
        var booked = await BookAsync(donor, _scenario.Command(first.Id));

        var moved = await _scenario.AsAsync(donor, sp => sp.GetRequiredService<ReschedulePickupHandler>()
            .HandleAsync(booked.Reference, new ReschedulePickupCommand { SlotId = second.Id }, expectedVersion: 1, CancellationToken.None));
        (await BookedAsync(first.Id)).ShouldBe(0);
        (await BookedAsync(second.Id)).ShouldBe(1);
        moved.Version.ShouldBe(2);

        var cancelled = await _scenario.AsAsync(donor, sp => sp.GetRequiredService<CancelPickupHandler>()
            .HandleAsync(booked.Reference, new CancelPickupCommand { Reason = "moved house" }, expectedVersion: 2, CancellationToken.None));
        cancelled.Status.ShouldBe(PickupStatus.Cancelled);
        (await BookedAsync(second.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Change_WithAStaleVersion_IsRefused_AndChangesNothing()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 2);
        var donor = (await _scenario.AddDonorsAsync(1))[0];
        var booked = await BookAsync(donor, _scenario.Command(slot.Id));

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => _scenario.AsAsync(donor, sp => sp.GetRequiredService<CancelPickupHandler>()
            .HandleAsync(booked.Reference, new CancelPickupCommand(), expectedVersion: 7, CancellationToken.None)));
        (await BookedAsync(slot.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task MyPickups_ArePagedNewestFirst_WithoutGapsOrRepeats()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 10);
        var donor = (await _scenario.AddDonorsAsync(1))[0];
        var references = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            references.Add((await BookAsync(donor, _scenario.Command(slot.Id))).Reference);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _scenario.AsAsync(donor, sp => sp.GetRequiredService<PickupQueries>().ListMineAsync(donor, cursor, 2, CancellationToken.None));
            seen.AddRange(page.Items.Select(p => PickupReference.Normalise(p.Reference)!));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        seen.ShouldBe(Enumerable.Reverse(references).ToList());
    }

    [Fact]
    public async Task FullDistrict_PointsToTheNearestDistrictsWithSpace()
    {
        await using (var db = fixture.CreateContext())
        {
            var city = await db.Cities.Include(c => c.Districts).SingleAsync(c => c.Id == _scenario.City.Id);
            city.AddDistrict("far", new LocalizedName("Far", "远区"), new GeoPoint(31.60, 121.90));
            city.AddDistrict("near", new LocalizedName("Near", "近区"), new GeoPoint(31.25, 121.49));
            await db.SaveChangesAsync();
        }
        var slots = _scenario.AsAsync(Guid.Empty, sp => sp.GetRequiredService<SlotQueries>().ListAsync(_scenario.District.Id, null, null, CancellationToken.None));
        await slots;
        await using (var db = fixture.CreateContext())
        {
            // Everything in the scenario's own district is taken.
            await db.Slots.Where(s => s.DistrictId == _scenario.District.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, 0));
        }

        var full = await _scenario.AsAsync(Guid.Empty, sp => sp.GetRequiredService<SlotQueries>().ListAsync(_scenario.District.Id, null, null, CancellationToken.None));

        full.NextOpenDate.ShouldBeNull();
        full.Slots.ShouldAllBe(s => !s.Open);
        full.Nearby.Select(n => n.Name.En).ShouldBe(["Near", "Far"]);
        full.Nearby[0].DistanceKm.ShouldBeLessThan(full.Nearby[1].DistanceKm);
        full.Nearby.ShouldAllBe(n => n.NextOpenDate >= full.From);
    }

    [Fact]
    public async Task Slots_AreCreatedForTheHorizon_OnceInTheCitysLocalHours()
    {
        var first = await _scenario.AsAsync(Guid.Empty, sp => sp.GetRequiredService<SlotQueries>().ListAsync(_scenario.District.Id, null, null, CancellationToken.None));
        var second = await _scenario.AsAsync(Guid.Empty, sp => sp.GetRequiredService<SlotQueries>().ListAsync(_scenario.District.Id, null, null, CancellationToken.None));

        first.Slots.Count.ShouldBe(14 * 4);
        second.Slots.Select(s => s.Id).ShouldBe(first.Slots.Select(s => s.Id));
        first.Slots.Select(s => s.LocalStart).Distinct().ShouldBe(["09:00", "12:00", "15:00", "18:00"], ignoreOrder: true);
        first.Slots.Where(s => s.Date > first.From).ShouldAllBe(s => s.Open && s.PlacesLeft == 8);
        first.NextOpenDate.ShouldNotBeNull();
        first.Nearby.ShouldBeEmpty();
    }
}

public sealed class PostgresBookingTests(PostgresFixture fixture) : BookingTests(fixture), IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task SixtyParallelBookings_ForFivePlaces_GiveExactlyFive()
    {
        var services = BookingScenario.Services(fixture);
        await using var _ = services;
        var scenario = await BookingScenario.CreateAsync(fixture, services);
        var slot = await scenario.AddSlotAsync(capacity: 5);
        var donors = await scenario.AddDonorsAsync(60);
        using var start = new ManualResetEventSlim(false);

        var attempts = donors.Select(donor => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await scenario.AsAsync(donor, sp => sp.GetRequiredService<BookPickupHandler>().HandleAsync(scenario.Command(slot.Id), null, CancellationToken.None));
                return "booked";
            }
            catch (DomainRuleException refused)
            {
                return refused.Code;
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o == "booked").ShouldBe(5);
        outcomes.Count(o => o == "slot.full").ShouldBe(55);
        await using var db = fixture.CreateContext();
        (await db.Slots.SingleAsync(s => s.Id == slot.Id)).Booked.ShouldBe(5);
        (await db.Pickups.CountAsync(p => p.SlotId == slot.Id)).ShouldBe(5);
    }

    [Fact]
    public async Task ParallelReschedules_IntoASmallWindow_NeverOversellEither()
    {
        var services = BookingScenario.Services(fixture);
        await using var _ = services;
        var scenario = await BookingScenario.CreateAsync(fixture, services);
        var from = await scenario.AddSlotAsync(capacity: 12, daysAhead: 1);
        var into = await scenario.AddSlotAsync(capacity: 3, daysAhead: 2);
        var donors = await scenario.AddDonorsAsync(12);
        var bookings = new List<(Guid Donor, string Reference)>();
        foreach (var donor in donors)
        {
            var booked = await scenario.AsAsync(donor, sp => sp.GetRequiredService<BookPickupHandler>().HandleAsync(scenario.Command(from.Id), null, CancellationToken.None));
            bookings.Add((donor, booked.Reference));
        }
        using var start = new ManualResetEventSlim(false);

        var attempts = bookings.Select(b => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await scenario.AsAsync(b.Donor, sp => sp.GetRequiredService<ReschedulePickupHandler>()
                    .HandleAsync(b.Reference, new ReschedulePickupCommand { SlotId = into.Id }, null, CancellationToken.None));
                return "moved";
            }
            catch (DomainRuleException refused)
            {
                return refused.Code;
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o == "moved").ShouldBe(3);
        outcomes.Count(o => o == "slot.full").ShouldBe(9);
        await using var db = fixture.CreateContext();
        (await db.Slots.SingleAsync(s => s.Id == into.Id)).Booked.ShouldBe(3);
        (await db.Slots.SingleAsync(s => s.Id == from.Id)).Booked.ShouldBe(9);
        (await db.Pickups.CountAsync(p => p.SlotId == into.Id)).ShouldBe(3);
    }

    /// <summary>With one place left, the retries must still get the first try's booking, never slot.full for their own place.</summary>
    [Theory]
    [InlineData(20)]
    [InlineData(1)]
    public async Task ParallelRetries_WithOneIdempotencyKey_BookOnce(int capacity)
    {
        var services = BookingScenario.Services(fixture);
        await using var _ = services;
        var scenario = await BookingScenario.CreateAsync(fixture, services);
        var slot = await scenario.AddSlotAsync(capacity: capacity);
        var donor = (await scenario.AddDonorsAsync(1))[0];
        using var start = new ManualResetEventSlim(false);

        var attempts = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await scenario.AsAsync(donor, sp => sp.GetRequiredService<BookPickupHandler>().HandleAsync(scenario.Command(slot.Id), "flaky-network", CancellationToken.None));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        results.Select(r => r.PickupId).Distinct().ShouldHaveSingleItem();
        results.Count(r => !r.Replayed).ShouldBe(1);
        await using var db = fixture.CreateContext();
        (await db.Slots.SingleAsync(s => s.Id == slot.Id)).Booked.ShouldBe(1);
    }
}

public sealed class SqliteBookingTests(SqliteFixture fixture) : BookingTests(fixture), IClassFixture<SqliteFixture>;
