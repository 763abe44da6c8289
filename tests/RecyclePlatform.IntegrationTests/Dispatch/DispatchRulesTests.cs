using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.IntegrationTests.Dispatch;

/// <summary>Scoping to the dispatcher's cities, the shift form's field errors, manual moves with warnings, and all-or-nothing CSV imports.</summary>
public sealed class DispatchRulesTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private DispatchScenario _day = null!;
    private DispatchScenario _otherCity = null!;

    public async Task InitializeAsync()
    {
        _services = DispatchScenario.ServicesFor(fixture);
        _day = await DispatchScenario.CreateAsync(fixture, _services);
        _otherCity = await DispatchScenario.CreateAsync(fixture, _services);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task SimultaneousRunRequests_ForOneCityAndDay_StartExactlyOne()
    {
        using var start = new ManualResetEventSlim(false);
        var requests = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await _day.AsDispatcherAsync(sp => sp.GetRequiredService<RequestDispatchRunHandler>()
                    .HandleAsync(new(_day.City.City.Id, _day.Day, DispatchRunKind.Optimise), CancellationToken.None));
                return "started";
            }
            catch (DomainRuleException refused)
            {
                return refused.Code;
            }
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(requests);

        answers.Count(a => a == "started").ShouldBe(1);
        answers.Where(a => a != "started").ShouldAllBe(a => a == "dispatch.run_in_progress");
        await using var db = fixture.CreateContext();
        (await db.DispatchRuns.CountAsync(r => r.CityId == _day.City.City.Id && r.Day == _day.Day)).ShouldBe(1);
    }

    [Fact]
    public async Task ADispatcherOfOneCity_FindsNothingOfAnother()
    {
        var (_, otherShift) = await _otherCity.AddShiftAsync();
        var other = await _otherCity.AddPickupsAsync(1);
        var reference = PickupReference.Format((await _otherCity.PickupsAsync()).Single(p => p.Id == other[0]).Reference);
        var (_, ownShift) = await _day.AddShiftAsync();
        var runInOther = await _otherCity.AsDispatcherAsync(sp => sp.GetRequiredService<RequestDispatchRunHandler>()
            .HandleAsync(new(_otherCity.City.City.Id, _otherCity.Day, DispatchRunKind.Optimise), CancellationToken.None));
        var otherCityId = _otherCity.City.City.Id;

        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<DispatchBoard>().GetAsync(otherCityId, _day.Day, CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<ShiftQueries>().ListAsync(otherCityId, _day.Day, CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<RequestDispatchRunHandler>().HandleAsync(new(otherCityId, _day.Day, DispatchRunKind.Optimise), CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<DispatchRunQueries>().GetAsync(runInOther.Id, CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<CancelDispatchRunHandler>().HandleAsync(runInOther.Id, CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<MoveStopHandler>().HandleAsync(reference, new(ownShift, 1), CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<DropOutOfShiftHandler>().HandleAsync(otherShift, CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<CourierQueries>().ListAsync(otherCityId, CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<ImportPickupsHandler>()
            .HandleAsync(otherCityId, new MemoryStream("date\n"u8.ToArray()), CancellationToken.None)));
        // ...and nothing of theirs changed.
        Assert.All(await _otherCity.PickupsAsync(), p => Assert.Equal(PickupStatus.Booked, p.Status));
        Assert.All(await _otherCity.ShiftsAsync(), s => Assert.False(s.DroppedOut));
    }

    [Fact]
    public async Task ShiftErrors_NameTheirField()
    {
        var (courier, _) = await _day.AddShiftAsync(8, 12);
        var otherHub = _otherCity.HubId;
        var (otherCourier, _) = await _otherCity.AddShiftAsync();
        CreateShiftCommand Input() => new()
        {
            CourierId = courier, Date = _day.Day, StartTime = new TimeOnly(13, 0), EndTime = new TimeOnly(17, 0), StartHubId = _day.HubId, CapacityBags = 20, CapacityKg = 200,
        };
        async Task<string> FieldOf(CreateShiftCommand input)
        {
            var error = await Assert.ThrowsAsync<ValidationException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<CreateShiftHandler>().HandleAsync(input, CancellationToken.None)));
            return $"{error.Errors.Single().PropertyName}:{error.Errors.Single().ErrorCode}";
        }

        var overlap = Input();
        overlap.StartTime = new TimeOnly(11, 0);
        Assert.Equal("StartTime:shift.overlaps", await FieldOf(overlap));
        var noBags = Input();
        noBags.CapacityBags = 0;
        Assert.Equal("CapacityBags:shift.capacity_bags_invalid", await FieldOf(noBags));
        var noKg = Input();
        noKg.CapacityKg = 0;
        Assert.Equal("CapacityKg:shift.capacity_kg_invalid", await FieldOf(noKg));
        var foreignHub = Input();
        foreignHub.StartHubId = otherHub;
        Assert.Equal("StartHubId:shift.start_hub_other_city", await FieldOf(foreignHub));
        var foreignEnd = Input();
        foreignEnd.EndHubId = otherHub;
        Assert.Equal("EndHubId:shift.end_hub_other_city", await FieldOf(foreignEnd));
        var backwards = Input();
        backwards.EndTime = new TimeOnly(12, 0);
        Assert.Equal("EndTime:shift.hours_invalid", await FieldOf(backwards));
        var foreignCourier = Input();
        foreignCourier.CourierId = otherCourier;
        Assert.Equal("CourierId:shift.courier_required", await FieldOf(foreignCourier));

        // The same courier later that day is fine.
        var shift = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<CreateShiftHandler>().HandleAsync(Input(), CancellationToken.None));
        Assert.Equal(2, (await _day.ShiftsAsync()).Count(s => s.CourierId == courier));
        Assert.Equal(20, shift.CapacityBags);
    }

    [Fact]
    public async Task AShiftEnteredByMistake_CanBeRemoved_ButNotOneThatHadStops()
    {
        var (_, empty) = await _day.AddShiftAsync(8, 19);
        var (_, busy) = await _day.AddShiftAsync(8, 19);
        await _day.AddPickupsAsync(2);
        await _day.OptimiseAsync();
        var used = (await _day.PickupsAsync()).Select(p => p.ShiftId).Distinct().Single();
        var unused = used == empty ? busy : empty;

        await _day.AsDispatcherAsync(async sp =>
        {
            await sp.GetRequiredService<RemoveShiftHandler>().HandleAsync(unused, CancellationToken.None);
            return true;
        });
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => _day.AsDispatcherAsync(async sp =>
        {
            await sp.GetRequiredService<RemoveShiftHandler>().HandleAsync(used!.Value, CancellationToken.None);
            return true;
        }));

        Assert.Equal("shift.has_stops", refused.Code);
        Assert.Equal([used!.Value], (await _day.ShiftsAsync()).Select(s => s.Id));
        await using var db = fixture.CreateContext();
        // One courier left for the whole day: 3 places per hour of each 3-hour window.
        Assert.All(await db.Slots.Where(s => s.CityId == _day.City.City.Id).ToListAsync(), s => Assert.Equal(9, s.Capacity));
        var (_, other) = await _otherCity.AddShiftAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(async sp =>
        {
            await sp.GetRequiredService<RemoveShiftHandler>().HandleAsync(other, CancellationToken.None);
            return true;
        }));
    }

    [Fact]
    public async Task MovingAStopByHand_MovesIt_AndWarnsOfWhatItBreaks()
    {
        var (courierA, shiftA) = await _day.AddShiftAsync(8, 19, bags: 6);
        var (_, shiftB) = await _day.AddShiftAsync(8, 19, bags: 6);
        await _day.AddPickupsAsync(4, bags: 2);
        await _day.OptimiseAsync();
        await _day.AssertPlanIsFeasibleAsync();
        var moving = (await _day.PickupsAsync()).First(p => p.ShiftId == shiftB);
        var reference = PickupReference.Format(moving.Reference);
        var routeABefore = (await _day.PickupsAsync()).Count(p => p.ShiftId == shiftA);

        var result = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<MoveStopHandler>().HandleAsync(reference, new(shiftA, 1), CancellationToken.None));

        var moved = (await _day.PickupsAsync()).Single(p => p.Id == moving.Id);
        Assert.Equal(shiftA, moved.ShiftId);
        Assert.Equal(courierA, moved.CourierId);
        Assert.Equal(result.Position, moved.RouteOrder);
        Assert.Equal(1, result.Position);
        var routeA = (await _day.PickupsAsync()).Where(p => p.ShiftId == shiftA).OrderBy(p => p.RouteOrder).ToList();
        Assert.Equal(routeABefore + 1, routeA.Count);
        Assert.Equal(moving.Id, routeA[0].Id);
        Assert.Equal(routeA.Count, routeA.Select(p => p.RouteOrder).Distinct().Count());
        // The route it left closes up: positions 1..n again, arrivals in order.
        var routeB = (await _day.PickupsAsync()).Where(p => p.ShiftId == shiftB).OrderBy(p => p.RouteOrder).ToList();
        Assert.Equal(Enumerable.Range(1, routeB.Count), routeB.Select(p => p.RouteOrder!.Value));
        Assert.Equal(routeB.OrderBy(p => p.PlannedArrival).Select(p => p.Id), routeB.Select(p => p.Id));
        var expectBags = routeA.Sum(p => p.Donation.Bags) > 6;
        Assert.Equal(expectBags, result.Warnings.Any(w => w.Kind == RouteViolationKind.BagsOverCapacity));

        // Put the 15:00 stop first on a route that starts at 08:00 and then a 09:00 stop after it: the 09–12 window is missed.
        var late = (await _day.PickupsAsync()).Where(p => p.Status == PickupStatus.Assigned).OrderByDescending(p => p.WindowStart).First();
        var early = (await _day.PickupsAsync()).Where(p => p.Status == PickupStatus.Assigned && p.Id != late.Id).OrderBy(p => p.WindowStart).First();
        await _day.AsDispatcherAsync(sp => sp.GetRequiredService<MoveStopHandler>().HandleAsync(PickupReference.Format(late.Reference), new(shiftB, 1), CancellationToken.None));
        var broken = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<MoveStopHandler>().HandleAsync(PickupReference.Format(early.Reference), new(shiftB, 2), CancellationToken.None));
        Assert.Contains(broken.Warnings, w => w.Kind == RouteViolationKind.WindowMissed && w.Reference == PickupReference.Format(early.Reference));
        Assert.Equal(2, broken.Position);
    }

    [Fact]
    public async Task AStartedStop_CannotBeMovedByHand()
    {
        var (_, shift) = await _day.AddShiftAsync();
        var (_, other) = await _day.AddShiftAsync();
        await _day.AddPickupsAsync(2);
        await _day.OptimiseAsync();
        var stop = (await _day.PickupsAsync()).First(p => p.ShiftId is not null);
        await using (var db = fixture.CreateContext())
        {
            // The courier set off (state only: this test is about the dispatcher's move, not the courier's event).
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE pickups SET status = 'EnRoute' WHERE id = {stop.Id}");
        }

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => _day.AsDispatcherAsync(sp =>
            sp.GetRequiredService<MoveStopHandler>().HandleAsync(PickupReference.Format(stop.Reference), new(stop.ShiftId == shift ? other : shift, 1), CancellationToken.None)));
        Assert.Equal("pickup.already_started", refused.Code);
    }

    [Fact]
    public async Task APickupImportWithOneBadRow_ImportsNothing_AndReportsEachProblem()
    {
        var date = _day.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = $"""
            date,window_start,district,street,building,contact_name,phone,bags,weight_band,categories,latitude,longitude,access_notes
            {date},09:00,centre,1 Drive Road,,Volunteer,138 0013 8000,2,5-10,clothing;shoes,31.23,121.47,
            {date},10:30,centre,2 Drive Road,,Volunteer,138 0013 8000,25,heavy,clothing,31.24,121.48,
            {date},12:00,nowhere,,,Volunteer,not a phone,1,under-5,,,,"Gate code, 1234"
            """;
        var before = (await _day.PickupsAsync()).Count;

        var report = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<ImportPickupsHandler>().HandleAsync(_day.City.City.Id, Csv(csv), CancellationToken.None));

        Assert.False(report.Succeeded);
        Assert.Equal(0, report.Imported);
        Assert.Contains(new ImportRowError(3, "bags", "pickup.bag_count"), report.Errors);
        Assert.Contains(new ImportRowError(3, "weight_band", "import.weight_band_invalid"), report.Errors);
        Assert.Contains(new ImportRowError(4, "district", "import.district_unknown"), report.Errors);
        Assert.DoesNotContain(report.Errors, e => e.Line == 2);
        Assert.Equal(before, (await _day.PickupsAsync()).Count);

        var fixedCsv = $"""
            date,window_start,district,street,contact_name,phone,bags,weight_band
            {date},09:00,centre,1 Drive Road,Volunteer,138 0013 8000,2,5-10
            {date},12:00,centre,"3 Drive Road, back door",Volunteer,138 0013 8000,1,under-5
            """;
        var imported = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<ImportPickupsHandler>().HandleAsync(_day.City.City.Id, Csv(fixedCsv), CancellationToken.None));
        Assert.True(imported.Succeeded);
        Assert.Equal(2, imported.Imported);
        var pickups = await _day.PickupsAsync();
        Assert.Contains(pickups, p => p.Address.Street == "3 Drive Road, back door" && p.ConsumerId is null && p.Status == PickupStatus.Booked);
        await using var db = fixture.CreateContext();
        Assert.Equal(2, await db.Slots.Where(s => s.CityId == _day.City.City.Id).SumAsync(s => s.Booked));
    }

    [Fact]
    public async Task ACourierImport_IsAllOrNothing_AndCreatesInvitableCouriers()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var bad = $"""
            email,name,hub
            a.{suffix}@example.org,Ada,Test Hub
            a.{suffix}@example.org,Ada again,Test Hub
            b.{suffix}@example.org,,Nowhere Hub
            not-an-email,Cai,Test Hub
            """;
        var report = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<ImportCouriersHandler>().HandleAsync(_day.City.City.Id, Csv(bad), CancellationToken.None));
        Assert.False(report.Succeeded);
        Assert.Contains(new ImportRowError(3, "email", "import.duplicate_row"), report.Errors);
        Assert.Contains(new ImportRowError(4, "hub", "courier.hub_other_city"), report.Errors);
        Assert.Contains(new ImportRowError(4, "name", "courier.display_name_required"), report.Errors);
        Assert.Contains(new ImportRowError(5, "email", "courier.email_invalid"), report.Errors);
        await using (var db = fixture.CreateContext())
        {
            Assert.False(await db.Users.AnyAsync(u => u.Email!.EndsWith(suffix + "@example.org")));
        }

        var good = $"""
            email,name,hub
            a.{suffix}@example.org,Ada,Test Hub
            b.{suffix}@example.org,Bo,test hub
            """;
        var imported = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<ImportCouriersHandler>().HandleAsync(_day.City.City.Id, Csv(good), CancellationToken.None));
        Assert.True(imported.Succeeded);
        Assert.Equal(2, imported.Invitations.Count);
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var ada = await users.FindByEmailAsync($"a.{suffix}@example.org");
        Assert.NotNull(ada);
        Assert.True(await users.IsInRoleAsync(ada, Roles.Courier));
        Assert.False(await users.HasPasswordAsync(ada));
        var couriers = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<CourierQueries>().ListAsync(_day.City.City.Id, CancellationToken.None));
        Assert.Contains(couriers, c => c.Email == $"b.{suffix}@example.org" && c.Name == "Bo" && c.HubId == _day.HubId && c.Active);
    }

    [Fact]
    public async Task DeactivatingACourier_EndsTheirComingShifts_AndTakesTheirStopsOffTheRoute()
    {
        var (courier, shift) = await _day.AddShiftAsync();
        await _day.AddPickupsAsync(3);
        await _day.OptimiseAsync();
        Assert.Contains(await _day.PickupsAsync(), p => p.CourierId == courier);

        await _day.AsDispatcherAsync(async sp =>
        {
            await sp.GetRequiredService<DeactivateCourierHandler>().HandleAsync(courier, CancellationToken.None);
            return true;
        });

        Assert.True((await _day.ShiftsAsync()).Single(s => s.Id == shift).DroppedOut);
        Assert.All(await _day.PickupsAsync(), p =>
        {
            Assert.Equal(PickupStatus.Booked, p.Status);
            Assert.Equal(UnservedReason.NoShift, p.UnservedReason);
        });
    }

    [Fact]
    public async Task HubsAndDistricts_AreAddedToTheDispatchersCity_WithFieldErrors_AndNotToAnother()
    {
        var cityId = _day.City.City.Id;
        PlaceInput Place(string? slug = "riverside") => new() { Slug = slug, NameEn = "Riverside", NameZh = "河畔", Address = "8 River Road", Latitude = 31.25, Longitude = 121.49 };

        var hub = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<AddHubHandler>().HandleAsync(cityId, Place(), CancellationToken.None));
        var district = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<AddDistrictHandler>().HandleAsync(cityId, Place(), CancellationToken.None));

        var places = await _day.AsDispatcherAsync(sp => sp.GetRequiredService<PlaceQueries>().ListAsync(cityId, CancellationToken.None));
        Assert.Contains(places.Hubs, h => h.Id == hub.Id && h.Address == "8 River Road");
        Assert.Contains(places.Districts, d => d.Id == district.Id && d.Slug == "riverside" && d.Name.Zh == "河畔");
        async Task<string> FieldOf(PlaceInput input, bool asDistrict)
        {
            var error = await Assert.ThrowsAsync<ValidationException>(() => _day.AsDispatcherAsync<object>(async sp => asDistrict
                ? await sp.GetRequiredService<AddDistrictHandler>().HandleAsync(cityId, input, CancellationToken.None)
                : await sp.GetRequiredService<AddHubHandler>().HandleAsync(cityId, input, CancellationToken.None)));
            return $"{error.Errors.First().PropertyName}:{error.Errors.First().ErrorCode}";
        }
        Assert.Equal("Slug:district.slug_taken", await FieldOf(Place(), asDistrict: true));
        Assert.Equal("Slug:district.slug_invalid", await FieldOf(Place("Not A Slug"), asDistrict: true));
        var far = Place("far");
        far.Latitude = 123;
        Assert.Equal("Latitude:geo.latitude_out_of_range", await FieldOf(far, asDistrict: true));
        var noAddress = Place();
        noAddress.Address = " ";
        Assert.Equal("Address:hub.address_required", await FieldOf(noAddress, asDistrict: false));
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<AddHubHandler>().HandleAsync(_otherCity.City.City.Id, Place(), CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => _day.AsDispatcherAsync(sp => sp.GetRequiredService<PlaceQueries>().ListAsync(_otherCity.City.City.Id, CancellationToken.None)));
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));
}
