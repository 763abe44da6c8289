using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Workspaces;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.Infrastructure.Seeding;

namespace RecyclePlatform.IntegrationTests.Queries;

/// <summary>The read side on PostgreSQL, over the demo data.</summary>
public sealed class WorkspaceQueriesTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;

    public async Task InitializeAsync()
    {
        _services = fixture.BuildServices();
        _scope = _services.CreateAsyncScope();
        await _scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }

    private T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    [Fact]
    public async Task Cities_ListsEveryCityWithItsDistricts_InSlugOrder()
    {
        var cities = await Get<CityQueries>().ListAsync(CancellationToken.None);

        cities.Select(c => c.Slug).ShouldBe(["beijing", "chengdu", "guangzhou", "hangzhou", "shanghai", "shenzhen", "wuhan", "xian"]);
        cities.ShouldAllBe(c => c.Districts.Count == 5 && c.TimeZone == "Asia/Shanghai");
        var beijing = cities[0];
        beijing.Name.ShouldBe(new NameDto("Beijing", "北京"));
        beijing.Districts.Select(d => d.Slug).ShouldBe(["chaoyang", "dongcheng", "fengtai", "haidian", "xicheng"]);
    }

    [Fact]
    public async Task CityOverview_ScopedToOneCity_CountsOnlyThatCity()
    {
        var beijing = await Get<AppDbContext>().Cities.SingleAsync(c => c.Slug == "beijing");

        var overview = await Get<WorkspaceQueries>().CityOverviewAsync([beijing.Id], CancellationToken.None);

        var row = overview.ShouldHaveSingleItem();
        row.ShouldBe(new CityOverviewDto(beijing.Id, "beijing", new NameDto("Beijing", "北京"), "Asia/Shanghai",
            Districts: 5, Hubs: 1, ActiveCouriers: 4, Charities: 2, Recyclers: 1));
    }

    [Fact]
    public async Task AccountsByRole_AreCountedInTheDatabase()
    {
        var counts = await Get<WorkspaceQueries>().AccountsByRoleAsync(CancellationToken.None);

        counts[Roles.Courier].ShouldBe(25);
        counts[Roles.Admin].ShouldBe(1);
        counts[Roles.Dispatcher].ShouldBe(1);
    }

    [Fact]
    public async Task CityOverview_ForAllCities_HasEight()
    {
        (await Get<WorkspaceQueries>().CityOverviewAsync(null, CancellationToken.None)).Count.ShouldBe(8);
        (await Get<WorkspaceQueries>().CityOverviewAsync([], CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CourierHubAndPartner_AreFoundForTheirIds_AndNullOtherwise()
    {
        var db = Get<AppDbContext>();
        var queries = Get<WorkspaceQueries>();
        var courierUser = await db.Users.SingleAsync(u => u.Email == DemoAccounts.EmailFor(Roles.Courier));
        var hub = await db.Hubs.FirstAsync();
        var charity = await db.Partners.FirstAsync(p => p.Kind == PartnerKind.Charity);

        var courier = await queries.FindCourierAsync(courierUser.Id, CancellationToken.None);
        var hubView = await queries.FindHubAsync(hub.Id, CancellationToken.None);
        var partner = await queries.FindPartnerAsync(charity.Id, CancellationToken.None);

        courier.ShouldNotBeNull().City.En.ShouldBe("Beijing");
        courier.Active.ShouldBeTrue();
        hubView.ShouldNotBeNull().ActiveCouriers.ShouldBeGreaterThanOrEqualTo(3);
        partner.ShouldNotBeNull().Cities.ShouldHaveSingleItem();
        (await queries.FindCourierAsync(Guid.CreateVersion7(), CancellationToken.None)).ShouldBeNull();
        (await queries.FindHubAsync(Guid.CreateVersion7(), CancellationToken.None)).ShouldBeNull();
        (await queries.FindPartnerAsync(Guid.CreateVersion7(), CancellationToken.None)).ShouldBeNull();
    }
}
