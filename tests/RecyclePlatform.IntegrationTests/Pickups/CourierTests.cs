using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.IntegrationTests.Pickups;

/// <summary>A courier's day on PostgreSQL: route order, racing devices, retries, and the hub hand-over.</summary>
public sealed class CourierTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly string[] Devices = ["phone", "tablet"];

    private ServiceProvider _services = null!;
    private BookingScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _services = BookingScenario.Services(fixture);
        _scenario = await BookingScenario.CreateAsync(fixture, _services);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<(string Reference, Guid Hub, Guid CourierUser, Guid CourierId, DateOnly Day)> AssignedStopAsync(int order = 1)
    {
        var slot = await _scenario.AddSlotAsync(capacity: 10);
        var donor = (await _scenario.AddDonorsAsync(1))[0];
        var booked = await _scenario.AsAsync(donor, sp => sp.GetRequiredService<BookPickupHandler>().HandleAsync(_scenario.Command(slot.Id), null, CancellationToken.None));
        var (hub, courierUser, courierId) = await _scenario.AddCourierAsync();
        await Dispatch(booked.Reference, courierId, order);
        return (booked.Reference, hub, courierUser, courierId, slot.LocalDate);
    }

    private Task<bool> Dispatch(string reference, Guid courierId, int order) =>
        _scenario.AsAsync(Guid.CreateVersion7(), Roles.Dispatcher, null, async sp =>
        {
            await sp.GetRequiredService<AssignStopHandler>().HandleAsync(reference, courierId, order, CancellationToken.None);
            return true;
        });

    private Task<StopDto> Event(Guid courierUser, string reference, RecordPickupEventCommand command, string? key, long? version) =>
        _scenario.AsAsync(courierUser, Roles.Courier, null, sp =>
            sp.GetRequiredService<RecordPickupEventHandler>().HandleAsync(reference, command, key, version, CancellationToken.None));

    private static RecordPickupEventCommand PickedUp(StopDto stop, decimal kg = 6.5m) => new()
    {
        Type = PickupEventType.PickedUp, Labels = [.. stop.Labels], Bags = stop.BagsExpected, WeightKg = kg,
    };

    [Fact]
    public async Task Stops_ComeInRouteOrder_OnlyTheCouriersOwn()
    {
        var first = await AssignedStopAsync();
        var slot = await _scenario.AddSlotAsync(capacity: 10, daysAhead: 1, hour: 12);
        var donor = (await _scenario.AddDonorsAsync(1))[0];
        var second = await _scenario.AsAsync(donor, sp => sp.GetRequiredService<BookPickupHandler>().HandleAsync(_scenario.Command(slot.Id), null, CancellationToken.None));
        await Dispatch(second.Reference, first.CourierId, 1);
        await Dispatch(first.Reference, first.CourierId, 2);
        var other = (await _scenario.AddCourierAsync(first.Hub)).UserId;

        var day = await _scenario.AsAsync(first.CourierUser, Roles.Courier, null, sp => sp.GetRequiredService<CourierStops>().ForDayAsync(first.Day, CancellationToken.None));
        var others = await _scenario.AsAsync(other, Roles.Courier, null, sp => sp.GetRequiredService<CourierStops>().ForDayAsync(first.Day, CancellationToken.None));

        day.Stops.Select(s => PickupReference.Normalise(s.Reference)).ShouldBe([second.Reference, first.Reference]);
        day.Stops[0].Street.ShouldBe("88 Jianguo Road");
        others.Stops.ShouldBeEmpty();
        await Should.ThrowAsync<NotFoundException>(() => Event(other, first.Reference, new RecordPickupEventCommand { Type = PickupEventType.EnRoute }, "k", null));
    }

    [Fact]
    public async Task TwoDevices_OnTheSameVersion_OnlyOneWins_AndTheOtherSeesTheCurrentState()
    {
        var stop = await AssignedStopAsync();
        var enRoute = await Event(stop.CourierUser, stop.Reference, new RecordPickupEventCommand { Type = PickupEventType.EnRoute }, "go", 2);
        using var start = new ManualResetEventSlim(false);

        var attempts = Devices.Select(device => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await Event(stop.CourierUser, stop.Reference, PickedUp(enRoute), device, enRoute.Version);
                return "won";
            }
            catch (StaleVersionException stale)
            {
                return $"stale:{stale.CurrentState}";
            }
            catch (DomainRuleException rule)
            {
                return rule.Code;
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o == "won").ShouldBe(1);
        outcomes.Single(o => o != "won").ShouldBe("stale:PickedUp");
        await using var db = fixture.CreateContext();
        var pickup = await db.Pickups.SingleAsync(p => p.Reference == stop.Reference);
        pickup.Timeline.Count(e => e.To == PickupStatus.PickedUp).ShouldBe(1);
    }

    [Fact]
    public async Task EachAnswer_IsTheStopAsStored()
    {
        var stop = await AssignedStopAsync();
        Task<StopDto> Stored() => _scenario.AsAsync(stop.CourierUser, Roles.Courier, null,
            sp => sp.GetRequiredService<CourierStops>().GetAsync(stop.Reference, CancellationToken.None));

        // The handler answers from the stop it saved, without reading it back: it must be what a read finds.
        var enRoute = await Event(stop.CourierUser, stop.Reference, new RecordPickupEventCommand { Type = PickupEventType.EnRoute }, "on-way", null);
        System.Text.Json.JsonSerializer.Serialize(enRoute).ShouldBe(System.Text.Json.JsonSerializer.Serialize(await Stored()));
        var collected = await Event(stop.CourierUser, stop.Reference, PickedUp(enRoute), "collected", enRoute.Version);

        collected.Status.ShouldBe(PickupStatus.PickedUp);
        collected.Version.ShouldBe(enRoute.Version + 1);
        System.Text.Json.JsonSerializer.Serialize(collected).ShouldBe(System.Text.Json.JsonSerializer.Serialize(await Stored()));
    }

    [Fact]
    public async Task ARetriedEvent_WithTheSameKey_IsHarmless()
    {
        var stop = await AssignedStopAsync();
        var command = new RecordPickupEventCommand { Type = PickupEventType.EnRoute, Latitude = 31.22, Longitude = 121.46 };

        var first = await Event(stop.CourierUser, stop.Reference, command, "retry", null);
        var again = await Event(stop.CourierUser, stop.Reference, command, "retry", null);

        (again.Status, again.Version).ShouldBe((first.Status, first.Version));
        await using var db = fixture.CreateContext();
        var pickup = await db.Pickups.SingleAsync(p => p.Reference == stop.Reference);
        pickup.Timeline.Count(e => e.To == PickupStatus.EnRoute).ShouldBe(1);
        pickup.Timeline.Single(e => e.To == PickupStatus.EnRoute).Latitude.ShouldBe(31.22);
    }

    [Fact]
    public async Task TheHub_ReceivesItsCouriersBags_AndFlagsAMissingOne()
    {
        var stop = await AssignedStopAsync();
        var enRoute = await Event(stop.CourierUser, stop.Reference, new RecordPickupEventCommand { Type = PickupEventType.EnRoute }, "a", null);
        await Event(stop.CourierUser, stop.Reference, PickedUp(enRoute, 9.25m), "b", null);
        var operatorId = Guid.CreateVersion7();

        var waiting = await _scenario.AsAsync(operatorId, Roles.HubOperator, stop.Hub, sp => sp.GetRequiredService<HandoverQueries>().WaitingAsync(CancellationToken.None));
        var elsewhere = await _scenario.AsAsync(operatorId, Roles.HubOperator, Guid.CreateVersion7(), sp => sp.GetRequiredService<HandoverQueries>().WaitingAsync(CancellationToken.None));
        var item = waiting.ShouldHaveSingleItem();
        var missing = await _scenario.AsAsync(operatorId, Roles.HubOperator, stop.Hub, sp => sp.GetRequiredService<ReceiveHandoverHandler>()
            .HandleAsync(stop.Reference, new ReceiveHandoverCommand { Labels = [item.CollectedLabels[0]], Note = "one bag torn open in the van" }, item.Version, CancellationToken.None));

        item.WeightKg.ShouldBe(9.25m);
        elsewhere.ShouldBeEmpty();
        missing.ShouldBe([item.CollectedLabels[1]]);
        await using var db = fixture.CreateContext();
        (await db.Pickups.SingleAsync(p => p.Reference == stop.Reference)).Status.ShouldBe(PickupStatus.AtHub);
        (await db.Notifications.CountAsync(n => n.PickupReference == item.Reference)).ShouldBe(4); // booked, on the way, collected, at the hub
    }
}
