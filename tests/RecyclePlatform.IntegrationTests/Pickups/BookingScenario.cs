using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.IntegrationTests.Pickups;

/// <summary>Who is asking, for use cases run outside HTTP: each scope acts as one user.</summary>
public sealed class ActingUser : ICurrentUser
{
    public Guid? Id { get; set; }
    public string Role { get; set; } = Roles.Consumer;
    public bool IsInRole(string role) => role == Role;
    public IReadOnlyCollection<Guid> CityIds { get; set; } = [];
    public Guid? HubId { get; set; }
    public Guid? PartnerId { get; set; }
}

/// <summary>A city of its own (so tests never share places), its district, slots and donors.</summary>
public sealed class BookingScenario(DatabaseFixture fixture, ServiceProvider services)
{
    /// <summary>The application's services where each scope acts as the user set on its <see cref="ActingUser"/>.</summary>
    public static ServiceProvider Services(DatabaseFixture fixture, Action<IServiceCollection>? more = null) =>
        fixture.BuildServices(services =>
        {
            services.AddScoped<ActingUser>();
            services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<ActingUser>());
            more?.Invoke(services);
        });

    private int _collectedSlots;

    public City City { get; private set; } = null!;
    public District District { get; private set; } = null!;

    public static async Task<BookingScenario> CreateAsync(DatabaseFixture fixture, ServiceProvider services)
    {
        var scenario = new BookingScenario(fixture, services);
        var slug = "t-" + Guid.NewGuid().ToString("N")[..12];
        scenario.City = City.Create(slug, new LocalizedName("Test City", "测试城市"), "Asia/Shanghai");
        scenario.District = scenario.City.AddDistrict("centre", new LocalizedName("Centre", "中心区"), new GeoPoint(31.23, 121.47));
        await using var db = fixture.CreateContext();
        db.Cities.Add(scenario.City);
        await db.SaveChangesAsync();
        return scenario;
    }

    public async Task<Slot> AddSlotAsync(int capacity, int daysAhead = 1, int hour = 9)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(City.TimeZoneId);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(daysAhead);
        var start = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), zone), TimeSpan.Zero);
        var slot = Slot.Create(City.Id, District.Id, day, start, start.AddHours(3), capacity);
        await using var db = fixture.CreateContext();
        db.Slots.Add(slot);
        await db.SaveChangesAsync();
        return slot;
    }

    public async Task<Slot> AddSlotAtAsync(DateTimeOffset start, int capacity)
    {
        var slot = Slot.Create(City.Id, District.Id, DateOnly.FromDateTime(start.UtcDateTime), start, start.AddHours(3), capacity);
        await using var db = fixture.CreateContext();
        db.Slots.Add(slot);
        await db.SaveChangesAsync();
        return slot;
    }

    public async Task<List<Guid>> AddDonorsAsync(int count)
    {
        var ids = new List<Guid>();
        await using var db = fixture.CreateContext();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            var email = $"donor.{id:N}@example.org";
            db.Users.Add(new ApplicationUser
            {
                Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Donor", CreatedAt = DateTimeOffset.UtcNow,
            });
            ids.Add(id);
        }
        await db.SaveChangesAsync();
        return ids;
    }

    public BookPickupCommand Command(Guid slotId, int bags = 2) => new()
    {
        SlotId = slotId,
        Address = new AddressInput
        {
            DistrictId = District.Id, Street = "88 Jianguo Road", Building = "Unit 1201", ContactName = "Lin Xiaoyu",
            Phone = "+86 138 0013 8000", AccessNotes = "Ring twice",
        },
        Categories = [ItemCategories.Clothing, ItemCategories.Shoes],
        Bags = bags,
        Weight = WeightBand.From5To10Kg,
        Condition = ItemCondition.Wearable,
    };

    /// <summary>A hub and an active courier working from it (the courier's user id and courier id).</summary>
    public async Task<(Guid HubId, Guid UserId, Guid CourierId)> AddCourierAsync(Guid? hubId = null)
    {
        await using var db = fixture.CreateContext();
        if (hubId is null)
        {
            var hub = Domain.Hubs.Hub.Create(City.Id, new LocalizedName("Test Hub", "测试中心"), "1 Depot Road", new GeoPoint(31.2, 121.4));
            db.Hubs.Add(hub);
            hubId = hub.Id;
        }
        var userId = (await AddDonorsAsync(1))[0];
        var courier = Domain.Couriers.Courier.Create(userId, City.Id, hubId.Value, "Test Courier");
        db.Couriers.Add(courier);
        await db.SaveChangesAsync();
        return (hubId.Value, userId, courier.Id);
    }

    /// <summary>Runs <paramref name="work"/> as a user with a role and scope (courier, hub operator, dispatcher).</summary>
    public async Task<T> AsAsync<T>(Guid userId, string role, Guid? hubId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        var acting = scope.ServiceProvider.GetRequiredService<ActingUser>();
        acting.Id = userId;
        acting.Role = role;
        acting.HubId = hubId;
        acting.CityIds = [City.Id];
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="work"/> in a fresh DI scope (its own DbContext) as <paramref name="userId"/>.</summary>
    public async Task<T> AsAsync<T>(Guid userId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingUser>().Id = userId;
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="work"/> as staff of a charity or recycler.</summary>
    public async Task<T> AsPartnerAsync<T>(Guid partnerId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        var acting = scope.ServiceProvider.GetRequiredService<ActingUser>();
        acting.Id = Guid.CreateVersion7();
        acting.Role = Roles.CharityStaff;
        acting.PartnerId = partnerId;
        return await work(scope.ServiceProvider);
    }

    /// <summary>A charity or recycler serving this scenario's city (or another one).</summary>
    public async Task<Domain.Partners.Partner> AddPartnerAsync(Domain.Partners.PartnerKind kind, Guid? cityId = null)
    {
        var partner = Domain.Partners.Partner.Create(kind, new LocalizedName($"Test {kind}", "测试机构"), "team@example.org", [cityId ?? City.Id]);
        await using var db = fixture.CreateContext();
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        return partner;
    }

    /// <summary>Booked by a new donor, assigned, and collected at the door by a new courier: the first custody step.</summary>
    public async Task<CollectedPickup> CollectedPickupAsync(decimal kg = 6.5m, int bags = 2)
    {
        // A window of its own each time: a district has one window per start time.
        var n = Interlocked.Increment(ref _collectedSlots) - 1;
        var slot = await AddSlotAsync(capacity: 10, daysAhead: 1 + n / 12, hour: 6 + n % 12);
        var donor = (await AddDonorsAsync(1))[0];
        var booked = await AsAsync(donor, sp => sp.GetRequiredService<BookPickupHandler>().HandleAsync(Command(slot.Id, bags), null, CancellationToken.None));
        var (hub, courierUser, courierId) = await AddCourierAsync();
        await AsAsync(Guid.CreateVersion7(), Roles.Dispatcher, null, async sp =>
        {
            await sp.GetRequiredService<Application.Couriers.AssignStopHandler>().HandleAsync(booked.Reference, courierId, 1, CancellationToken.None);
            return true;
        });
        var enRoute = await AsAsync(courierUser, Roles.Courier, null, sp => sp.GetRequiredService<RecordPickupEventHandler>()
            .HandleAsync(booked.Reference, new RecordPickupEventCommand { Type = PickupEventType.EnRoute }, null, null, CancellationToken.None));
        var collected = await AsAsync(courierUser, Roles.Courier, null, sp => sp.GetRequiredService<RecordPickupEventHandler>()
            .HandleAsync(booked.Reference, new RecordPickupEventCommand
            {
                Type = PickupEventType.PickedUp, Labels = [.. enRoute.Labels], Bags = enRoute.BagsExpected, WeightKg = kg,
            }, null, enRoute.Version, CancellationToken.None));
        return new CollectedPickup(booked.Reference, donor, hub, courierUser, collected);
    }
}

public sealed record CollectedPickup(string Reference, Guid Donor, Guid Hub, Guid CourierUser, Application.Couriers.StopDto Stop);
