using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.IntegrationTests.Persistence;

/// <summary>
/// "Add these rows, or tell me a unique key already holds them": only a unique key's refusal is a lost
/// race; every other refusal is a fault and is thrown. And the named status sets translate to SQL.
/// </summary>
public abstract class TryInsertTests(DatabaseFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2031, 5, 6, 1, 0, 0, TimeSpan.Zero);

    private async Task<City> AddCityAsync()
    {
        var city = City.Create("ti-" + Guid.NewGuid().ToString("N")[..10], new LocalizedName("Test City", "测试城市"), "Asia/Shanghai");
        city.AddDistrict("centre", new LocalizedName("Centre", "中心区"), new GeoPoint(31.23, 121.47));
        await using var db = fixture.CreateContext();
        db.Cities.Add(city);
        await db.SaveChangesAsync();
        return city;
    }

    private static Slot SlotOf(City city, Guid districtId, DateTimeOffset start) =>
        Slot.Create(city.Id, districtId, DateOnly.FromDateTime(start.UtcDateTime), start, start.AddHours(3), 5);

    [Fact]
    public async Task TryInsert_NewRows_WritesThem()
    {
        var city = await AddCityAsync();
        var slot = SlotOf(city, city.Districts.First().Id, Start);

        await using (var db = fixture.CreateContext())
        {
            (await db.TryInsertAsync([slot], CancellationToken.None)).ShouldBeTrue();
        }

        await using var check = fixture.CreateContext();
        (await check.Slots.CountAsync(s => s.Id == slot.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task TryInsert_AWindowAlreadyMade_IsFalse_ForgetsTheRows_AndTheTransactionGoesOn()
    {
        var city = await AddCityAsync();
        var district = city.Districts.First().Id;
        await using (var first = fixture.CreateContext())
        {
            (await first.TryInsertAsync([SlotOf(city, district, Start)], CancellationToken.None)).ShouldBeTrue();
        }
        var again = SlotOf(city, district, Start);
        var later = SlotOf(city, district, Start.AddDays(1));

        await using var db = fixture.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        (await db.TryInsertAsync([again], CancellationToken.None)).ShouldBeFalse();
        db.Entry(again).State.ShouldBe(EntityState.Detached);
        // The lost race leaves the transaction usable (PostgreSQL would refuse everything after a failed statement).
        (await db.TryInsertAsync([later], CancellationToken.None)).ShouldBeTrue();
        await transaction.CommitAsync();

        await using var check = fixture.CreateContext();
        (await check.Slots.CountAsync(s => s.DistrictId == district)).ShouldBe(2);
    }

    [Fact]
    public async Task TryInsert_ARowTheDatabaseRefusesForAnotherReason_Throws()
    {
        var city = await AddCityAsync();
        var nowhere = SlotOf(city, Guid.CreateVersion7(), Start); // no such district: a foreign key, not a unique key

        await using var db = fixture.CreateContext();

        await Should.ThrowAsync<DbUpdateException>(() => db.TryInsertAsync([nowhere], CancellationToken.None));
    }

    [Fact]
    public async Task EnsureWindows_OfADistrictThatIsNot_Throws()
    {
        var city = await AddCityAsync();
        await using var services = fixture.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var planner = scope.ServiceProvider.GetRequiredService<SlotPlanner>();
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);

        // Before, any failure to save was taken for another request's windows and swallowed.
        await Should.ThrowAsync<DbUpdateException>(() => planner.EnsureAsync(city, Guid.CreateVersion7(), day, day, CancellationToken.None));
    }

    [Fact]
    public async Task StatusSets_TranslateToSql()
    {
        var city = await AddCityAsync();
        var district = city.Districts.First().Id;
        var slot = SlotOf(city, district, Start);
        var address = new PickupAddress(district, "1 Road", null, "Drive volunteer", "138 0013 8000", null, null, null);
        var donation = new Donation(ItemCategories.Clothing, 1, WeightBand.From5To10Kg, ItemCondition.Mixed, null);
        var now = Start.AddDays(-1);
        var booked = Pickup.ImportForDrive(PickupReference.New(), city.Id, slot, address, donation, now);
        var cancelled = Pickup.ImportForDrive(PickupReference.New(), city.Id, slot, address, donation, now);
        cancelled.Cancel(PickupActor.Dispatcher, TimeSpan.Zero, now, null);
        await using (var db = fixture.CreateContext())
        {
            db.Slots.Add(slot);
            db.Pickups.AddRange(booked, cancelled);
            await db.SaveChangesAsync();
        }

        await using var read = fixture.CreateContext();
        var pending = await read.Pickups.Where(p => p.CityId == city.Id && PickupStatuses.Pending.Contains(p.Status)).Select(p => p.Id).ToListAsync();
        var ended = await read.Pickups.Where(p => p.CityId == city.Id && PickupStatuses.EndedUncollected.Contains(p.Status)).Select(p => p.Id).ToListAsync();

        pending.ShouldBe([booked.Id]);
        ended.ShouldBe([cancelled.Id]);
    }
}

public sealed class PostgresTryInsertTests(PostgresFixture fixture) : TryInsertTests(fixture), IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _fixture = fixture;

    [Fact]
    public async Task ConcurrentPlanners_OfTheSameWindows_BothSucceed_AndMakeEachWindowOnce()
    {
        var city = City.Create("ti-" + Guid.NewGuid().ToString("N")[..10], new LocalizedName("Test City", "测试城市"), "Asia/Shanghai");
        var district = city.AddDistrict("centre", new LocalizedName("Centre", "中心区"), new GeoPoint(31.23, 121.47));
        await using (var db = _fixture.CreateContext())
        {
            db.Cities.Add(city);
            await db.SaveChangesAsync();
        }
        await using var services = _fixture.BuildServices();
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);

        // Several rounds of four planners at once, so that some of them really lose the race at the insert.
        for (var round = 0; round < 5; round++)
        {
            var day = first.AddDays(round);
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SlotPlanner>().EnsureAsync(city, district.Id, day, day, CancellationToken.None);
            }));
        }

        await using var check = _fixture.CreateContext();
        var starts = await check.Slots.Where(s => s.DistrictId == district.Id).Select(s => s.StartsAt).ToListAsync();
        var expected = Enumerable.Range(0, 5).Sum(round => city.Booking.WindowsOn(first.AddDays(round), TimeZoneInfo.FindSystemTimeZoneById(city.TimeZoneId)).Count());
        starts.Count.ShouldBe(expected);
        starts.Distinct().Count().ShouldBe(expected);
    }
}

public sealed class SqliteTryInsertTests(SqliteFixture fixture) : TryInsertTests(fixture), IClassFixture<SqliteFixture>;
