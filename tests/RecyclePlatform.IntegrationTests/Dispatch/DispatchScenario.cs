using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;
using RecyclePlatform.IntegrationTests.Pickups;

namespace RecyclePlatform.IntegrationTests.Dispatch;

/// <summary>A city of its own with a hub, couriers with shifts tomorrow and pickups spread over the day's windows.</summary>
public sealed class DispatchScenario
{
    private readonly DatabaseFixture _fixture;
    private readonly List<Slot> _windows = [];

    private DispatchScenario(DatabaseFixture fixture, ServiceProvider services, BookingScenario city)
    {
        _fixture = fixture;
        Services = services;
        City = city;
    }

    public ServiceProvider Services { get; }
    public BookingScenario City { get; }
    public Guid HubId { get; private set; }
    public DateOnly Day { get; private set; }
    public Guid DispatcherId { get; } = Guid.CreateVersion7();

    /// <summary>The app's services with a short search (a tenth of a second per stop, 1–3 s).</summary>
    public static ServiceProvider ServicesFor(DatabaseFixture fixture, double maxSeconds = 3) =>
        BookingScenario.Services(fixture, services => services.Configure<DispatchOptions>(o =>
        {
            o.MinSearchSeconds = 1;
            o.MaxSearchSeconds = maxSeconds;
        }));

    public static async Task<DispatchScenario> CreateAsync(DatabaseFixture fixture, ServiceProvider services)
    {
        var scenario = new DispatchScenario(fixture, services, await BookingScenario.CreateAsync(fixture, services));
        var (hub, _, _) = await scenario.City.AddCourierAsync();
        scenario.HubId = hub;
        // Windows tomorrow at 09, 12 and 15 (three hours each).
        foreach (var hour in new[] { 9, 12, 15 })
        {
            scenario._windows.Add(await scenario.City.AddSlotAsync(capacity: 200, daysAhead: 1, hour: hour));
        }
        scenario.Day = scenario._windows[0].LocalDate;
        return scenario;
    }

    /// <summary>A courier of this city with a shift tomorrow from the hub.</summary>
    public async Task<(Guid CourierId, Guid ShiftId)> AddShiftAsync(int fromHour = 8, int toHour = 19, int bags = 40, int kg = 400)
    {
        var (_, _, courierId) = await City.AddCourierAsync(HubId);
        var shift = await AsDispatcherAsync(sp => sp.GetRequiredService<CreateShiftHandler>().HandleAsync(new CreateShiftCommand
        {
            CourierId = courierId, Date = Day, StartTime = new TimeOnly(fromHour, 0), EndTime = new TimeOnly(toHour, 0),
            StartHubId = HubId, CapacityBags = bags, CapacityKg = kg,
        }, CancellationToken.None));
        return (courierId, shift.Id);
    }

    /// <summary>Pickups for a community drive, spread over the windows and about 8 km around the centre.</summary>
    public async Task<List<Guid>> AddPickupsAsync(int count, int bags = 2, int seed = 1)
    {
        var random = new Random(seed);
        var ids = new List<Guid>();
        await using var db = _fixture.CreateContext();
        for (var i = 0; i < count; i++)
        {
            var window = _windows[i % _windows.Count];
            var address = new PickupAddress(City.District.Id, $"{i + 1} Test Road", null, "Drive volunteer", "138 0013 8000", null,
                31.23 + ((random.NextDouble() - 0.5) * 0.14), 121.47 + ((random.NextDouble() - 0.5) * 0.16));
            var pickup = Pickup.ImportForDrive(PickupReference.New(), City.City.Id, window, address,
                new Donation(ItemCategories.Clothing, bags, WeightBand.From5To10Kg, ItemCondition.Mixed, null), DateTimeOffset.UtcNow);
            db.Pickups.Add(pickup);
            ids.Add(pickup.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }

    public Task<T> AsDispatcherAsync<T>(Func<IServiceProvider, Task<T>> work) => City.AsAsync(DispatcherId, Roles.Dispatcher, null, work);

    /// <summary>Asks for a run and runs it here (the background worker is not part of these tests).</summary>
    public async Task<DispatchRunDto> OptimiseAsync(DispatchRunKind kind = DispatchRunKind.Optimise)
    {
        var run = await AsDispatcherAsync(sp => sp.GetRequiredService<RequestDispatchRunHandler>().HandleAsync(new(City.City.Id, Day, kind), CancellationToken.None));
        return await RunAsync(run.Id);
    }

    public async Task<DispatchRunDto> RunAsync(Guid runId)
    {
        await AsDispatcherAsync(async sp =>
        {
            await sp.GetRequiredService<DispatchRunner>().RunAsync(runId, CancellationToken.None);
            return true;
        });
        return await AsDispatcherAsync(sp => sp.GetRequiredService<DispatchRunQueries>().GetAsync(runId, CancellationToken.None));
    }

    /// <summary>Polls the run until it reports progress (the search is under way) or <paramref name="running"/> ends.</summary>
    public async Task<DispatchRunDto> SearchingAsync(Guid runId, Task running)
    {
        DispatchRunDto seen;
        do
        {
            await Task.Delay(200);
            seen = await AsDispatcherAsync(sp => sp.GetRequiredService<DispatchRunQueries>().GetAsync(runId, CancellationToken.None));
        }
        while (seen.Percent == 0 && !running.IsCompleted);
        return seen;
    }

    public async Task<List<Pickup>> PickupsAsync()
    {
        await using var db = _fixture.CreateContext();
        return await db.Pickups.AsNoTracking().Where(p => p.CityId == City.City.Id).ToListAsync();
    }

    public async Task<List<Shift>> ShiftsAsync()
    {
        await using var db = _fixture.CreateContext();
        return await db.Shifts.AsNoTracking().Where(s => s.CityId == City.City.Id).ToListAsync();
    }

    public async Task<Hub> HubAsync()
    {
        await using var db = _fixture.CreateContext();
        return await db.Hubs.AsNoTracking().SingleAsync(h => h.Id == HubId);
    }

    /// <summary>
    /// Checks a stored plan from the rows alone, without the optimiser: every pickup routed or reported;
    /// on each route, arrivals in order, each inside its window, and no later than the shift allows
    /// (great-circle travel at the configured speed from the previous stop); loads within capacity.
    /// </summary>
    public async Task AssertPlanIsFeasibleAsync()
    {
        var pickups = await PickupsAsync();
        var shifts = (await ShiftsAsync()).ToDictionary(s => s.Id);
        var hub = await HubAsync();
        var travel = CityTravel.Default;
        foreach (var pickup in pickups.Where(p => p.Status is PickupStatus.Booked or PickupStatus.Assigned))
        {
            var routed = pickup.Status == PickupStatus.Assigned && pickup.ShiftId is not null && pickup.RouteOrder is not null && pickup.PlannedArrival is not null;
            var reported = pickup.Status == PickupStatus.Booked && pickup.UnservedReason is not null && pickup.CourierId is null;
            Assert.True(routed ^ reported, $"{pickup.Reference} is neither routed nor reported (status {pickup.Status}).");
        }
        foreach (var route in pickups.Where(p => p.ShiftId is not null && p.Status is PickupStatus.Assigned or PickupStatus.EnRoute).GroupBy(p => p.ShiftId!.Value))
        {
            var shift = shifts[route.Key];
            Assert.False(shift.DroppedOut);
            var stops = route.OrderBy(p => p.RouteOrder).ToList();
            Assert.Equal(stops.Count, stops.Select(p => p.RouteOrder).Distinct().Count());
            Assert.True(stops.Sum(p => p.Donation.Bags) <= shift.CapacityBags, "bags over capacity");
            Assert.True(stops.Sum(p => p.Donation.EstimatedKg) <= shift.CapacityKg, "kg over capacity");
            var here = hub.Location;
            var earliest = shift.StartsAt;
            foreach (var stop in stops)
            {
                var at = new GeoPoint(stop.Address.Latitude!.Value, stop.Address.Longitude!.Value);
                var drive = TimeSpan.FromSeconds(here.DistanceKmTo(at) * travel.DetourFactor / travel.SpeedKmh * 3600);
                var arrival = stop.PlannedArrival!.Value;
                Assert.True(arrival >= stop.WindowStart && arrival <= stop.WindowEnd, $"{stop.Reference} arrives {arrival:t}, outside {stop.WindowStart:t}–{stop.WindowEnd:t}");
                Assert.True(arrival >= earliest + drive - TimeSpan.FromSeconds(2), $"{stop.Reference} arrives before the courier can get there");
                earliest = arrival + TimeSpan.FromSeconds(StopServiceTime.Seconds(stop.Donation.Bags));
                here = at;
            }
            var back = TimeSpan.FromSeconds(here.DistanceKmTo(hub.Location) * travel.DetourFactor / travel.SpeedKmh * 3600);
            Assert.True(earliest + back <= shift.EndsAt + TimeSpan.FromSeconds(2), "the route ends after the shift");
        }
    }
}
