using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.Infrastructure.Seeding;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.IntegrationTests.Seeding;

/// <summary>Demo data is complete and seeding it again changes nothing.</summary>
public abstract class DemoDataSeederTests(DatabaseFixture fixture)
{
    private sealed record Counts(int Cities, int Districts, int Hubs, int Partners, int Couriers, int Users, int UserRoles, int UserClaims,
        int Campaigns, int Teams, int Pickups, int LedgerFacts);

    private async Task SeedAsync()
    {
        await using var services = DatabaseFixture.BuildServices(fixture.Provider, fixture.ConnectionString,
            settings: new Dictionary<string, string?> { ["DemoData:History"] = "true" });
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
    }

    private async Task<Counts> CountAsync()
    {
        await using var db = fixture.CreateContext();
        return new Counts(await db.Cities.CountAsync(), await db.Districts.CountAsync(), await db.Hubs.CountAsync(),
            await db.Partners.CountAsync(), await db.Couriers.CountAsync(), await db.Users.CountAsync(),
            await db.UserRoles.CountAsync(), await db.UserClaims.CountAsync(), await db.Campaigns.CountAsync(), await db.Teams.CountAsync(),
            await db.Pickups.CountAsync(), await db.LedgerOutbox.CountAsync() + await db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task Seeding_Twice_AddsEverythingOnce()
    {
        await SeedAsync();
        var first = await CountAsync();
        await SeedAsync();
        var second = await CountAsync();

        // 8 cities × 5 districts, a hub, 2 charities and a recycler each; 3 couriers per city plus the demo courier; 6 donors
        // per city for the campaigns' history, two campaigns, two teams, and their pickups and ledger entries.
        first.ShouldBe(new Counts(8, 40, 8, 24, 25, 24 + 6 + 48, 24 + 6 + 48, 4, 2, 2, first.Pickups, first.LedgerFacts));
        first.Pickups.ShouldBeGreaterThan(150);
        first.LedgerFacts.ShouldBeGreaterThan(500);
        second.ShouldBe(first);
    }

    [Fact]
    public async Task TheDemoCourier_HasThreeStopsTomorrow_SeededOnce()
    {
        await SeedAsync();
        await SeedAsync();

        await using var db = fixture.CreateContext();
        var courierUser = await db.Users.SingleAsync(u => u.Email == DemoAccounts.EmailFor(Roles.Courier));
        var courier = await db.Couriers.SingleAsync(c => c.UserId == courierUser.Id);
        var stops = await db.Pickups.Where(p => p.CourierId == courier.Id).ToListAsync();
        stops.Count.ShouldBe(3);
        stops.ShouldAllBe(p => p.Status == Domain.Pickups.PickupStatus.Assigned);
        stops.Select(p => p.RouteOrder).ShouldBe([1, 2, 3], ignoreOrder: true);
        stops.Select(p => p.SlotId).Distinct().ShouldHaveSingleItem();
        (await db.Slots.SingleAsync(s => s.Id == stops[0].SlotId)).Booked.ShouldBe(3);
    }

    [Fact]
    public async Task EachRole_HasADemoAccountThatSignsIn()
    {
        await SeedAsync();
        await using var services = fixture.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var demo = scope.ServiceProvider.GetRequiredService<DemoAccounts>();

        foreach (var role in Roles.All)
        {
            var user = await users.FindByEmailAsync(DemoAccounts.EmailFor(role));
            user.ShouldNotBeNull(role);
            (await users.IsInRoleAsync(user, role)).ShouldBeTrue(role);
            (await users.CheckPasswordAsync(user, demo.Password)).ShouldBeTrue(role);
        }
    }

    [Fact]
    public async Task StaffDemoAccounts_AreScopedToTheirCitiesHubAndCharity()
    {
        await SeedAsync();
        await using var services = fixture.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var beijing = await db.Cities.SingleAsync(c => c.Slug == "beijing");
        var shanghai = await db.Cities.SingleAsync(c => c.Slug == "shanghai");

        var dispatcher = await users.GetClaimsAsync((await users.FindByEmailAsync(DemoAccounts.EmailFor(Roles.Dispatcher)))!);
        var hubOperator = await users.GetClaimsAsync((await users.FindByEmailAsync(DemoAccounts.EmailFor(Roles.HubOperator)))!);
        var charityStaff = await users.GetClaimsAsync((await users.FindByEmailAsync(DemoAccounts.EmailFor(Roles.CharityStaff)))!);

        dispatcher.Where(c => c.Type == ScopeClaims.City).Select(c => Guid.Parse(c.Value))
            .ShouldBe([beijing.Id, shanghai.Id], ignoreOrder: true);
        var hubId = Guid.Parse(hubOperator.Single(c => c.Type == ScopeClaims.Hub).Value);
        (await db.Hubs.SingleAsync(h => h.Id == hubId)).CityId.ShouldBe(beijing.Id);
        var partnerId = Guid.Parse(charityStaff.Single(c => c.Type == ScopeClaims.Partner).Value);
        (await db.Partners.SingleAsync(p => p.Id == partnerId)).Serves(beijing.Id).ShouldBeTrue();
    }
}

public sealed class PostgresDemoDataSeederTests(PostgresFixture fixture) : DemoDataSeederTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteDemoDataSeederTests(SqliteFixture fixture) : DemoDataSeederTests(fixture), IClassFixture<SqliteFixture>;
