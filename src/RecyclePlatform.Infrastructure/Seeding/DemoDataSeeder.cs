using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Application.Regions;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Infrastructure.Identity;
using RecyclePlatform.Infrastructure.Persistence;

namespace RecyclePlatform.Infrastructure.Seeding;

/// <summary>
/// Fills an empty database with the launch cities, their hubs, couriers and partners, and
/// one account per role. Idempotent: every row is looked up by its natural key first, so
/// running it again (or on a partly seeded database) adds only what is missing.
/// </summary>
public sealed partial class DemoDataSeeder(
    AppDbContext db, UserManager<ApplicationUser> users, DemoAccounts options, TimeProvider time,
    SlotPlanner planner, ISlotReservations reservations, ShiftCapacity shiftCapacity, RegionCatalogue regions,
    Application.Ledger.CustodyRecorder recorder, ILogger<DemoDataSeeder> logger)
{
    

    public async Task SeedAsync(CancellationToken ct)
    {
        var courierIndex = 0;
        foreach (var seed in DemoCatalogue.Cities)
        {
            var city = await SeedCityAsync(seed, ct);
            var hub = await SeedHubAsync(city, seed, ct);
            await SeedPartnersAsync(city, ct);
            for (var i = 0; i < DemoCatalogue.CouriersPerCity; i++, courierIndex++)
            {
                var name = DemoCatalogue.CourierNames[courierIndex % DemoCatalogue.CourierNames.Count];
                // Couriers other than the demo one have no password: they sign in once a dispatcher invites them.
                var user = await EnsureUserAsync($"courier.{city.Slug}.{i + 1}@{DemoAccounts.Domain}", name,
                    password: null, [Roles.Courier], [], ct);
                await EnsureCourierAsync(user, city, hub, name, ct);
            }
        }
        await SeedDemoAccountsAsync(ct);
        if (options.History)
        {
            await SeedHistoryAsync(ct);
        }
        logger.LogInformation("Demo data is in place: {Cities} cities and one account per role", DemoCatalogue.Cities.Count);
    }

    private async Task<City> SeedCityAsync(DemoCatalogue.CitySeed seed, CancellationToken ct)
    {
        var city = await db.Cities.Include(c => c.Districts).SingleOrDefaultAsync(c => c.Slug == seed.Slug, ct);
        if (city is null)
        {
            city = City.Create(seed.Slug, new LocalizedName(seed.English, seed.Chinese), seed.TimeZone);
            db.Cities.Add(city);
        }
        // The city's GB/T 2260 code from the region list itself ("北京" is 北京市, 110000), not typed here.
        if (city.RegionCode is null && regions.All.FirstOrDefault(r => r.Name.Zh == seed.Chinese + "市") is { } region)
        {
            city.PlaceInRegion(RegionCode.Parse(region.Code));
        }
        foreach (var d in seed.Districts.Where(d => city.Districts.All(existing => existing.Slug != d.Slug)))
        {
            city.AddDistrict(d.Slug, new LocalizedName(d.English, d.Chinese), new GeoPoint(d.Latitude, d.Longitude));
        }
        await db.SaveChangesAsync(ct);
        return city;
    }

    private async Task<Hub> SeedHubAsync(City city, DemoCatalogue.CitySeed seed, CancellationToken ct)
    {
        var hub = await db.Hubs.FirstOrDefaultAsync(h => h.CityId == city.Id, ct);
        if (hub is not null)
        {
            return hub;
        }
        var district = seed.Districts.Single(d => d.Slug == seed.HubDistrict);
        // A little off the district centre, where a logistics park would be.
        hub = Hub.Create(city.Id,
            new LocalizedName($"{seed.English} Sorting Hub", $"{seed.Chinese}衣物分拣中心"),
            $"Logistics Park, {district.English}, {seed.English}",
            new GeoPoint(district.Latitude + 0.012, district.Longitude + 0.018));
        db.Hubs.Add(hub);
        await db.SaveChangesAsync(ct);
        return hub;
    }

    private async Task SeedPartnersAsync(City city, CancellationToken ct)
    {
        (PartnerKind Kind, string English, string Chinese, string Mailbox)[] partners =
        [
            (PartnerKind.Charity, $"{city.Name.English} Warm Clothes Foundation", $"{city.Name.Chinese}暖衣基金会", "warm-clothes"),
            (PartnerKind.Charity, $"{city.Name.English} Community Care Association", $"{city.Name.Chinese}社区关爱协会", "community-care"),
            (PartnerKind.Recycler, $"{city.Name.English} Textile Renewal Co.", $"{city.Name.Chinese}纺织再生公司", "textile-renewal"),
        ];
        foreach (var (kind, english, chinese, mailbox) in partners)
        {
            if (await db.Partners.AnyAsync(p => p.Name.English == english, ct))
            {
                continue;
            }
            var partner = Partner.Create(kind, new LocalizedName(english, chinese),
                $"{mailbox}.{city.Slug}@{DemoAccounts.Domain}", [city.Id]);
            partner.MarkVerified();
            db.Partners.Add(partner);
        }
        await db.SaveChangesAsync(ct);
        var withoutProgrammes = await db.Partners
            .Where(p => p.Kind == PartnerKind.Charity && p.ServedCities.Any(c => c.CityId == city.Id) && !db.Programmes.Any(x => x.PartnerId == p.Id))
            .Select(p => p.Id).ToListAsync(ct);
        foreach (var partnerId in withoutProgrammes)
        {
            foreach (var (english, chinese) in DemoCatalogue.Programmes)
            {
                db.Programmes.Add(Programme.Create(partnerId, new LocalizedName(english, chinese), time.GetUtcNow()));
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedDemoAccountsAsync(CancellationToken ct)
    {
        var beijing = await db.Cities.SingleAsync(c => c.Slug == "beijing", ct);
        var shanghai = await db.Cities.SingleAsync(c => c.Slug == "shanghai", ct);
        var beijingHub = await db.Hubs.FirstAsync(h => h.CityId == beijing.Id, ct);
        var charity = await db.Partners
            .Where(p => p.Kind == PartnerKind.Charity && p.ServedCities.Any(s => s.CityId == beijing.Id))
            .OrderBy(p => p.Name.English)
            .FirstAsync(ct);

        var consumer = await EnsureUserAsync(DemoAccounts.EmailFor(Roles.Consumer), "Demo Donor", options.Password, [Roles.Consumer], [], ct);
        var courier = await EnsureUserAsync(DemoAccounts.EmailFor(Roles.Courier), "Demo Courier", options.Password, [Roles.Courier], [], ct);
        await EnsureCourierAsync(courier, beijing, beijingHub, "Demo Courier", ct);
        await SeedDemoStopsAsync(consumer, courier, beijing, ct);
        await SeedDemoDayAsync(beijing, ct);
        await SeedDemoDayAsync(shanghai, ct);
        await EnsureUserAsync(DemoAccounts.EmailFor(Roles.Dispatcher), "Demo Dispatcher", options.Password, [Roles.Dispatcher],
            [new Claim(ScopeClaims.City, beijing.Id.ToString()), new Claim(ScopeClaims.City, shanghai.Id.ToString())], ct);
        await EnsureUserAsync(DemoAccounts.EmailFor(Roles.HubOperator), "Demo Hub Operator", options.Password, [Roles.HubOperator],
            [new Claim(ScopeClaims.Hub, beijingHub.Id.ToString())], ct);
        await EnsureUserAsync(DemoAccounts.EmailFor(Roles.CharityStaff), "Demo Charity Staff", options.Password, [Roles.CharityStaff],
            [new Claim(ScopeClaims.Partner, charity.Id.ToString())], ct);
        await EnsureUserAsync(DemoAccounts.EmailFor(Roles.Admin), "Demo Administrator", options.Password, [Roles.Admin], [], ct);
    }

    /// <summary>
    /// Three pickups of the demo donor tomorrow morning, on the demo courier's route, so every role
    /// has something to do on a first run. Only once: not when the donor already has pickups.
    /// </summary>
    private async Task SeedDemoStopsAsync(ApplicationUser consumer, ApplicationUser courierUser, City city, CancellationToken ct)
    {
        if (await db.Pickups.AnyAsync(p => p.ConsumerId == consumer.Id, ct))
        {
            return;
        }
        var courier = await db.Couriers.SingleAsync(c => c.UserId == courierUser.Id, ct);
        var district = await db.Districts.SingleAsync(d => d.CityId == city.Id && d.Slug == "dongcheng", ct);
        var now = time.GetUtcNow();
        var tomorrow = Application.Common.CityClock.Today(city, now).AddDays(1);
        await planner.EnsureAsync(city, district.Id, tomorrow, tomorrow, ct);
        var slot = await db.Slots.Where(s => s.DistrictId == district.Id && s.LocalDate == tomorrow && s.CampaignId == null).OrderBy(s => s.StartsAt).FirstAsync(ct);
        string[] streets = ["5 Beixinqiao Santiao", "27 Guozijian Street", "12 Wudaoying Hutong"];
        for (var i = 0; i < streets.Length; i++)
        {
            var pickup = Pickup.Book(PickupReference.New(), consumer.Id, city.Id, slot,
                new PickupAddress(district.Id, streets[i], null, "Demo Donor", "138 0013 8000", "Ring at the courtyard gate", null, null),
                new Donation(ItemCategories.Clothing | ItemCategories.Shoes, 2, WeightBand.From5To10Kg, ItemCondition.Wearable, null),
                city.Booking.MinimumKg, city.Booking.Cutoff, now);
            if (!await reservations.TryTakeAsync(slot.Id, ct))
            {
                return;
            }
            pickup.Assign(courier.Id, i + 1, now);
            db.Pickups.Add(pickup);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Tomorrow's shifts for every courier of the city (08:00–18:00 from their hub) and a community drive
    /// of twelve pickups not yet on a route, so the dispatch board has a day to optimise. The demo
    /// courier's stops go on their shift. Only once: not when the city has shifts that day.
    /// </summary>
    private async Task SeedDemoDayAsync(City city, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var tomorrow = Application.Common.CityClock.Today(city, now).AddDays(1);
        if (await db.Shifts.AnyAsync(s => s.CityId == city.Id && s.LocalDate == tomorrow, ct))
        {
            return;
        }
        var zone = Application.Common.CityClock.Zone(city);
        DateTimeOffset At(int hour) => Application.Common.CityClock.At(tomorrow, new TimeOnly(hour, 0), zone);
        var hubs = await db.Hubs.Where(h => h.CityId == city.Id).ToDictionaryAsync(h => h.Id, ct);
        var couriers = await db.Couriers.Where(c => c.CityId == city.Id && c.Active).OrderBy(c => c.DisplayName).ToListAsync(ct);
        int position(Courier c) => couriers.IndexOf(c);
        foreach (var courier in couriers)
        {
            // Early and late shifts, so every window of the day has couriers.
            var early = position(courier) % 2 == 0;
            var shift = Shift.Create(courier, hubs[courier.HubId], hubs[courier.HubId], tomorrow, At(early ? 8 : 12), At(early ? 17 : 21), 30, 250);
            db.Shifts.Add(shift);
            var order = 0;
            foreach (var stop in await db.Pickups.Where(p => p.CourierId == courier.Id && p.Status == PickupStatus.Assigned).OrderBy(p => p.RouteOrder).ToListAsync(ct))
            {
                stop.Plan(courier.Id, shift.Id, ++order, stop.WindowStart, now);
            }
        }
        await db.SaveChangesAsync(ct);

        var districts = await db.Districts.Where(d => d.CityId == city.Id).OrderBy(d => d.Slug).ToListAsync(ct);
        foreach (var district in districts)
        {
            await planner.EnsureAsync(city, district.Id, tomorrow, tomorrow, ct);
        }
        var windows = (await db.Slots.AsNoTracking().Where(s => s.CityId == city.Id && s.LocalDate == tomorrow && s.CampaignId == null).ToListAsync(ct))
            .ToLookup(s => s.DistrictId, s => s);
        var random = new Random(city.Slug.Length);
        for (var i = 0; i < 12; i++)
        {
            var district = districts[i % districts.Count];
            var slot = windows[district.Id].OrderBy(s => s.StartsAt).ElementAt(i % windows[district.Id].Count());
            var address = new PickupAddress(district.Id, $"Community drive, door {i + 1}", null, "Drive volunteer", "138 0013 8000", null,
                district.Centre.Latitude + ((random.NextDouble() - 0.5) * 0.02), district.Centre.Longitude + ((random.NextDouble() - 0.5) * 0.02));
            db.Pickups.Add(Pickup.ImportForDrive(PickupReference.New(), city.Id, slot, address,
                new Donation(ItemCategories.Clothing, 1 + (i % 4), WeightBand.From5To10Kg, ItemCondition.Mixed, null), now));
            await db.Slots.Where(s => s.Id == slot.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), ct);
        }
        await db.SaveChangesAsync(ct);
        await shiftCapacity.FollowShiftsAsync(city.Id, tomorrow, ct);
    }

    private async Task<ApplicationUser> EnsureUserAsync(string email, string displayName, string? password,
        IReadOnlyList<string> roles, IReadOnlyList<Claim> claims, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = displayName,
                CreatedAt = time.GetUtcNow(),
            };
            Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password), email);
        }
        var missingRoles = new List<string>();
        foreach (var role in roles)
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                missingRoles.Add(role);
            }
        }
        if (missingRoles.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, missingRoles), email);
        }
        var existingClaims = await users.GetClaimsAsync(user);
        var missingClaims = claims.Where(c => !existingClaims.Any(e => e.Type == c.Type && e.Value == c.Value)).ToList();
        if (missingClaims.Count > 0)
        {
            Check(await users.AddClaimsAsync(user, missingClaims), email);
        }
        return user;
    }

    private async Task EnsureCourierAsync(ApplicationUser user, City city, Hub hub, string displayName, CancellationToken ct)
    {
        if (await db.Couriers.AnyAsync(c => c.UserId == user.Id, ct))
        {
            return;
        }
        db.Couriers.Add(Courier.Create(user.Id, city.Id, hub.Id, displayName));
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding the demo account {email} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
