using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.IntegrationTests.Persistence;

/// <summary>Concurrency tokens, times and value objects behave the same on PostgreSQL and SQLite.</summary>
public abstract class PersistenceBehaviourTests(DatabaseFixture fixture)
{
    private async Task<City> AddCityAsync()
    {
        var slug = "city-" + Guid.NewGuid().ToString("N")[..10];
        var city = City.Create(slug, new LocalizedName("Test City", "测试城市"), "Asia/Shanghai");
        city.AddDistrict("centre", new LocalizedName("Centre", "中心区"), new GeoPoint(30.25, 120.17));
        await using var db = fixture.CreateContext();
        db.Cities.Add(city);
        await db.SaveChangesAsync();
        return city;
    }

    private async Task<Partner> AddPartnerAsync(Guid cityId)
    {
        var partner = Partner.Create(PartnerKind.Charity, new LocalizedName("Test Charity " + Guid.NewGuid().ToString("N")[..6], "测试慈善"),
            "hello@example.org", [cityId]);
        await using var db = fixture.CreateContext();
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        return partner;
    }

    [Fact]
    public async Task Version_StartsAtOne_AndGrowsWithEachSave()
    {
        var city = await AddCityAsync();
        var partner = await AddPartnerAsync(city.Id);
        partner.Version.ShouldBe(1);

        await using var db = fixture.CreateContext();
        var loaded = await db.Partners.SingleAsync(p => p.Id == partner.Id);
        loaded.MarkVerified();
        await db.SaveChangesAsync();

        loaded.Version.ShouldBe(2);
    }

    [Fact]
    public async Task StaleWrite_IsRejected()
    {
        var city = await AddCityAsync();
        var partner = await AddPartnerAsync(city.Id);
        await using var first = fixture.CreateContext();
        await using var second = fixture.CreateContext();
        var mine = await first.Partners.SingleAsync(p => p.Id == partner.Id);
        var theirs = await second.Partners.SingleAsync(p => p.Id == partner.Id);

        mine.MarkVerified();
        await first.SaveChangesAsync();
        theirs.MarkVerified();

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = fixture.CreateContext();
        (await check.Partners.SingleAsync(p => p.Id == partner.Id)).Version.ShouldBe(2);
    }

    [Fact]
    public async Task Times_AreStoredAsUtcInstants_AndSortInTheDatabase()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var shanghai = TimeSpan.FromHours(8);
        DateTimeOffset[] times =
        [
            new(2026, 3, 1, 9, 0, 0, shanghai),                    // 01:00 UTC
            new(2026, 3, 1, 0, 30, 0, TimeSpan.Zero),              // 00:30 UTC
            new(2026, 2, 28, 20, 15, 0, TimeSpan.FromHours(-5)),   // 01:15 UTC
        ];
        await using (var db = fixture.CreateContext())
        {
            for (var i = 0; i < times.Length; i++)
            {
                db.Users.Add(new ApplicationUser
                {
                    Id = Guid.CreateVersion7(),
                    UserName = $"time{i}.{tag}@example.org",
                    NormalizedUserName = $"TIME{i}.{tag}@EXAMPLE.ORG".ToUpperInvariant(),
                    DisplayName = $"{tag}-{i}",
                    CreatedAt = times[i],
                });
            }
            await db.SaveChangesAsync();
        }

        await using var read = fixture.CreateContext();
        var cutoff = new DateTimeOffset(2026, 3, 1, 0, 45, 0, TimeSpan.Zero);
        var sorted = await read.Users.Where(u => u.DisplayName.StartsWith(tag))
            .OrderBy(u => u.CreatedAt).Select(u => u.CreatedAt).ToListAsync();
        var later = await read.Users.CountAsync(u => u.DisplayName.StartsWith(tag) && u.CreatedAt > cutoff);

        sorted.ShouldBe(times.OrderBy(t => t.UtcTicks).ToList());
        sorted.ShouldAllBe(t => t.Offset == TimeSpan.Zero);
        later.ShouldBe(2);
    }

    [Fact]
    public async Task ValueObjectsAndOwnedCollections_RoundTrip()
    {
        var city = await AddCityAsync();
        var partner = await AddPartnerAsync(city.Id);

        await using var db = fixture.CreateContext();
        var loadedCity = await db.Cities.Include(c => c.Districts).SingleAsync(c => c.Id == city.Id);
        var loadedPartner = await db.Partners.SingleAsync(p => p.Id == partner.Id);

        loadedCity.Name.ShouldBe(new LocalizedName("Test City", "测试城市"));
        loadedCity.Districts.ShouldHaveSingleItem().Centre.ShouldBe(new GeoPoint(30.25, 120.17));
        loadedPartner.ServedCities.ShouldHaveSingleItem().CityId.ShouldBe(city.Id);
        loadedPartner.Kind.ShouldBe(PartnerKind.Charity);
    }

    [Fact]
    public async Task DuplicateCitySlug_IsRefusedByTheDatabase()
    {
        var city = await AddCityAsync();
        await using var db = fixture.CreateContext();
        db.Cities.Add(City.Create(city.Slug, new LocalizedName("Again", "重复"), "Asia/Shanghai"));

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}

public sealed class PostgresPersistenceBehaviourTests(PostgresFixture fixture)
    : PersistenceBehaviourTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqlitePersistenceBehaviourTests(SqliteFixture fixture)
    : PersistenceBehaviourTests(fixture), IClassFixture<SqliteFixture>;
