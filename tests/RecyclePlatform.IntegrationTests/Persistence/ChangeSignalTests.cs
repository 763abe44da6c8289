using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.IntegrationTests.Persistence;

/// <summary>
/// Each node keeps cities, districts and security stamps in memory. A save that changes them
/// notifies the other nodes through PostgreSQL, and a node that hears it reads them again; a change
/// that was never announced is not seen until then, which is what makes the copies pay off.
/// </summary>
[Collection(Name)]
public sealed class ChangeSignalTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    // Alone: other tests' saves in this process would drop the copies this class watches.
    public const string Name = "change signals, alone";

    [Fact]
    public async Task AddingADistrict_IsAnnounced_AtCommit_AndNotOnRollback()
    {
        await using var services = fixture.BuildServices();
        var cityId = await NewCityAsync(services);
        await using var listener = await ListenAsync(AppDbContext.ReferenceDataChannel);

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Cities.SingleAsync(c => c.Id == cityId)).AddDistrict("undone", new LocalizedName("Undone", "撤销区"), new GeoPoint(39.9, 116.4));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        (await HeardAsync(listener, TimeSpan.FromMilliseconds(500))).ShouldBeNull("a rolled-back change is not announced");

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Cities.SingleAsync(c => c.Id == cityId)).AddDistrict("kept", new LocalizedName("Kept", "保留区"), new GeoPoint(39.9, 116.4));
            await db.SaveChangesAsync();
        }
        (await HeardAsync(listener, TimeSpan.FromSeconds(5))).ShouldBe(AppDbContext.ReferenceDataChannel);
    }

    [Fact]
    public async Task ASignOutEverywhere_IsAnnounced()
    {
        await using var services = fixture.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"stamp-{Guid.NewGuid():N}@example.test";
        var user = new ApplicationUser { UserName = email, Email = email };
        (await users.CreateAsync(user, "a long enough password")).Succeeded.ShouldBeTrue();
        await using var listener = await ListenAsync(AppDbContext.SessionStampChannel);

        (await users.UpdateSecurityStampAsync(user)).Succeeded.ShouldBeTrue();

        (await HeardAsync(listener, TimeSpan.FromSeconds(5))).ShouldBe(AppDbContext.SessionStampChannel);
    }

    [Fact]
    public async Task ANodeKeepsItsCopy_UntilAChangeIsAnnounced()
    {
        await using var services = fixture.BuildServices();
        var listener = services.GetServices<IHostedService>().OfType<ChangeListener>().Single();
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var cityId = await NewCityAsync(services);
            var district = await FirstDistrictAsync(services, cityId);
            await WaitUntilAsync(() => services.GetRequiredService<ReferenceDataCache>().HearsOtherNodes);
            (await NameAsync(services, district)).ShouldNotBe("Changed behind its back");

            // Another process changes the name without announcing it: this node keeps serving its copy.
            await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
            {
                await connection.OpenAsync();
                await using var update = new NpgsqlCommand($"UPDATE districts SET name_en = 'Changed behind its back' WHERE id = '{district}'", connection);
                await update.ExecuteNonQueryAsync();
            }
            (await NameAsync(services, district)).ShouldNotBe("Changed behind its back");

            // Announced (as another node's save does): the next read has it.
            await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
            {
                await connection.OpenAsync();
                await using var notify = new NpgsqlCommand($"NOTIFY {AppDbContext.ReferenceDataChannel}", connection);
                await notify.ExecuteNonQueryAsync();
            }
            await WaitUntilAsync(async () => await NameAsync(services, district) == "Changed behind its back");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<Guid> NewCityAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var city = City.Create($"c{Guid.NewGuid():N}"[..12], new LocalizedName("Signal City", "信号市"), "Asia/Shanghai");
        city.AddDistrict("centre", new LocalizedName("Centre", "中心区"), new GeoPoint(39.9, 116.4));
        db.Cities.Add(city);
        await db.SaveChangesAsync();
        return city.Id;
    }

    private static async Task<Guid> FirstDistrictAsync(IServiceProvider services, Guid cityId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        return await db.Districts.Where(d => d.CityId == cityId).Select(d => d.Id).FirstAsync();
    }

    private static async Task<string?> NameAsync(IServiceProvider services, Guid district)
    {
        await using var scope = services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<ReferenceData>().DistrictAsync(district, CancellationToken.None);
        return found?.District.Name.English;
    }

    private async Task<NpgsqlConnection> ListenAsync(string channel)
    {
        var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
        await listen.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>The channel of the first notification within the time, or null.</summary>
    private static async Task<string?> HeardAsync(NpgsqlConnection connection, TimeSpan within)
    {
        string? heard = null;
        void OnNotification(object sender, NpgsqlNotificationEventArgs e) => heard ??= e.Channel;
        connection.Notification += OnNotification;
        try
        {
            await connection.WaitAsync(within);
            return heard;
        }
        finally
        {
            connection.Notification -= OnNotification;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition) => await WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the node did not catch up within 10 s");
            await Task.Delay(50);
        }
    }
}

[CollectionDefinition(ChangeSignalTests.Name, DisableParallelization = true)]
public sealed class ChangeSignalCollection;
