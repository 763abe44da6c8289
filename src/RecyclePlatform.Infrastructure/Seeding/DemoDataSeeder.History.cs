using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Impact;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Infrastructure.Seeding;

/// <summary>
/// A past campaign with its whole custody history and one running now with two teams, so a newcomer's
/// campaign, team, impact and ledger pages are full on the first run. Every step goes through the
/// domain and the custody recorder, exactly as the couriers', hubs' and charities' own actions would,
/// with the clock set to when it happened; the ledger entries are real and verify.
/// Only once: not when any campaign exists.
/// </summary>
public sealed partial class DemoDataSeeder
{
    private const string PastCampaign = "sustainability-week";
    private const string RunningCampaign = "winter-warmth";

    private async Task SeedHistoryAsync(CancellationToken ct)
    {
        if (await db.Campaigns.AnyAsync(ct))
        {
            return;
        }
        var now = time.GetUtcNow();
        var admin = await users.FindByEmailAsync(DemoAccounts.EmailFor(Roles.Admin)) ?? throw new InvalidOperationException("No demo administrator.");
        var consumer = await users.FindByEmailAsync(DemoAccounts.EmailFor(Roles.Consumer)) ?? throw new InvalidOperationException("No demo donor.");
        var cities = await db.Cities.Include(c => c.Districts).OrderBy(c => c.Slug).ToListAsync(ct);
        var today = CityClock.Today(cities[0], now);
        var weekStart = today.AddDays(-180);

        db.ImpactFactorTables.Add(ImpactFactorTable.Publish(1, DemoCatalogue.Factors, admin.Id, CityClock.At(weekStart.AddDays(-10), new TimeOnly(10, 0), CityClock.Zone(cities[0]))));
        await recorder.RecordAsync(ct);
        await db.SaveChangesAsync(ct);

        LocalizedName Name(string en, string zh) => new(en, zh);
        var week = Campaign.Create(PastCampaign, new CampaignDetails(
            Name("Sustainability Week", "可持续发展周"),
            "For one week, couriers in eight cities collected the clothes people no longer wear, straight from their homes. A retailer and a UN agency ran it to show what responsible consumption (SDG 12) looks like in practice: every bag weighed at the door, sorted at a hub, and passed on to charities and recyclers, with each step on the public ledger.",
            "在一周时间里，八座城市的快递员上门收取人们不再穿的衣物。活动由一家零售商与一家联合国机构共同发起，展示负责任消费（可持续发展目标 12）在生活中的样子：每一袋衣物上门称重、在分拣中心分拣，再交给慈善机构和回收企业，每一步都记录在公开账本上。",
            weekStart, weekStart.AddDays(6), 1_200, [.. cities.Select(c => c.Id)],
            [CampaignOrganiser.Of(0, OrganiserRole.Organiser, Name("Northwind Apparel (demo retailer)", "北风服饰（演示零售商）")),
             CampaignOrganiser.Of(1, OrganiserRole.Organiser, Name("A UN agency (demo partner)", "联合国机构（演示合作方）")),
             CampaignOrganiser.Of(2, OrganiserRole.Partner, Name("City charities and recyclers", "各城市慈善机构与回收企业"))]),
            CityClock.At(weekStart.AddDays(-30), new TimeOnly(9, 0), CityClock.Zone(cities[0])));
        var winterCities = cities.Where(c => c.Slug is "beijing" or "shanghai" or "hangzhou").ToList();
        var winter = Campaign.Create(RunningCampaign, new CampaignDetails(
            Name("Winter Warmth Drive", "冬日暖衣行动"),
            "Coats, jumpers and blankets keep people warm when they are passed on before the cold comes. Book a pickup while the drive runs and your bags count towards the goal; form a team with your workplace or neighbours and give together.",
            "在寒冬来临之前把外套、毛衣和毛毯传递出去，就能让更多人温暖过冬。活动期间预约上门回收，你的每一袋衣物都计入目标；也可以和同事或邻居组队，一起捐赠。",
            today.AddDays(-12), today.AddDays(20), 1_000, [.. winterCities.Select(c => c.Id)],
            [CampaignOrganiser.Of(0, OrganiserRole.Organiser, Name("Northwind Apparel (demo retailer)", "北风服饰（演示零售商）")),
             CampaignOrganiser.Of(1, OrganiserRole.Partner, Name("Warm Clothes Foundations", "暖衣基金会"))],
            // Couriers also collect before work while the drive runs.
            [new CampaignWindow(0, new TimeOnly(7, 30), new TimeOnly(9, 0))]),
            now.AddDays(-20));
        db.Campaigns.AddRange(week, winter);
        await db.SaveChangesAsync(ct);

        // Donors without passwords (like the other couriers): only the demo donor can sign in.
        var donors = new Dictionary<Guid, List<Guid>>();
        foreach (var city in cities)
        {
            var ids = new List<Guid>();
            for (var i = 1; i <= 6; i++)
            {
                ids.Add((await EnsureUserAsync($"donor.{city.Slug}.{i}@{DemoAccounts.Domain}", $"Donor {i}", null, [Roles.Consumer], [], ct)).Id);
            }
            donors[city.Id] = ids;
        }
        var beijing = cities.Single(c => c.Slug == "beijing");
        var company = Team.Form("Northwind Apparel HQ", TeamKind.Company, donors[beijing.Id][0], now.AddDays(-13));
        var community = Team.Form("Riverside Gardens Residents", TeamKind.Community, consumer.Id, now.AddDays(-13));
        db.Teams.AddRange(company, community);
        db.AddRange(TeamMember.Join(consumer.Id, community.Id, now.AddDays(-13)));
        var teamOf = new Dictionary<Guid, Guid> { [consumer.Id] = community.Id };
        foreach (var city in winterCities)
        {
            for (var i = 0; i < 4; i++)
            {
                var team = i % 2 == 0 ? company : community;
                teamOf[donors[city.Id][i]] = team.Id;
                db.Add(TeamMember.Join(donors[city.Id][i], team.Id, now.AddDays(-13)));
            }
        }
        await db.SaveChangesAsync(ct);

        // Each city's hub, couriers, partners and programmes, read once for all its days.
        var demoCourier = await users.FindByEmailAsync(DemoAccounts.EmailFor(Roles.Courier)) ?? throw new InvalidOperationException("No demo courier.");
        var crews = new Dictionary<Guid, CityCrew>();
        foreach (var city in cities)
        {
            crews[city.Id] = await CrewAsync(city, demoCourier.Id, ct);
        }
        var random = new Random(2026);
        for (var day = 0; day < 7; day++)
        {
            foreach (var city in cities)
            {
                var givers = donors[city.Id].Skip(day % 3).Take(2 + random.Next(2)).ToList();
                if (city.Id == beijing.Id && day is 1 or 4)
                {
                    givers.Add(consumer.Id);
                }
                await SeedDayAsync(crews[city.Id], week, weekStart.AddDays(day), givers, teamOf: [], today, random, ct);
            }
        }
        for (var day = 12; day >= 1; day--)
        {
            foreach (var city in winterCities)
            {
                var givers = donors[city.Id].Skip(day % 4).Take(1 + random.Next(3)).ToList();
                if (city.Id == beijing.Id && day == 9)
                {
                    givers.Add(consumer.Id);
                }
                await SeedDayAsync(crews[city.Id], winter, today.AddDays(-day), givers, teamOf, today, random, ct);
            }
        }
        await SeedCollectionPointAsync(beijing, community, consumer.Id, [donors[beijing.Id][1], donors[beijing.Id][3]], winter, today, now, ct);
        // The history's donors have no mailbox: their messages about long-past steps are not sent.
        var quiet = donors.Values.SelectMany(d => d).ToList();
        await db.Notifications.Where(n => quiet.Contains(n.UserId)).ExecuteDeleteAsync(ct);
        logger.LogInformation("Demo history is in place: campaigns {Past} and {Running} with their ledger entries", PastCampaign, RunningCampaign);
    }

    /// <summary>
    /// One day of a campaign in a city: each giver's pickup booked two days before, collected in the morning,
    /// received at the hub in the afternoon and sorted into reuse, recycle and waste lots; lots go to a charity
    /// and the recycler, which confirm them the next day; charities distribute reuse lots within the week.
    /// Steps that would lie in the future are left for later, as on a real running campaign.
    /// </summary>
    private sealed record CityCrew(City City, Hub Hub, List<Courier> Couriers, List<Partner> Partners, ILookup<Guid, Programme> Programmes, RegionCode Region);

    /// <summary>
    /// The demo donor's community holds a collection point in Beijing in three days; two neighbours have booked their bags
    /// there, so the team page and the point's page show it alive and the demo donor can book theirs.
    /// </summary>
    private async Task SeedCollectionPointAsync(City city, Team team, Guid organiser, List<Guid> neighbours, Campaign campaign, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        var day = today.AddDays(3);
        var district = city.Districts.OrderBy(d => d.Slug).First();
        await planner.EnsureAsync(city, district.Id, day, day, ct);
        var slot = await db.Slots.AsNoTracking().Where(s => s.DistrictId == district.Id && s.LocalDate == day && s.CampaignId == null)
            .OrderBy(s => s.StartsAt).Skip(1).FirstAsync(ct);
        var point = CollectionPoint.Hold(team, organiser, city.Id, slot,
            new PickupAddress(district.Id, "Riverside Gardens Clubhouse, 8 Riverside Road", "Ground floor", "Demo Donor", "138 0013 8000",
                "Tables just inside the main door; ring the clubhouse bell.", district.Centre.Latitude + 0.004, district.Centre.Longitude - 0.003),
            city.Booking.Cutoff, now);
        db.CollectionPoints.Add(point);
        await db.SaveChangesAsync(ct);
        for (var i = 0; i < neighbours.Count; i++)
        {
            var pickup = Pickup.AtCollectionPoint(PickupReference.New(), neighbours[i], point, slot,
                new Donation(ItemCategories.Clothing | ItemCategories.HomeTextiles, 2 + i, WeightBand.From5To10Kg, ItemCondition.Wearable, null),
                city.Booking.MinimumKg, city.Booking.Cutoff, now.AddHours(-2 - i));
            pickup.CountFor(campaign.Id, team.Id);
            db.Pickups.Add(pickup);
            await reservations.TakeBeyondCapacityAsync(slot.Id, 1, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<CityCrew> CrewAsync(City city, Guid demoCourierId, CancellationToken ct)
    {
        var hub = await db.Hubs.FirstAsync(h => h.CityId == city.Id, ct);
        // Not the demo courier: their day shows the three stops seeded for tomorrow, and nothing else.
        var couriers = await db.Couriers.Where(c => c.CityId == city.Id && c.Active && c.UserId != demoCourierId).OrderBy(c => c.DisplayName).ToListAsync(ct);
        var partners = await db.Partners.Where(p => p.Verified && p.ServedCities.Any(s => s.CityId == city.Id)).OrderBy(p => p.Name.English).ToListAsync(ct);
        var charities = partners.Where(p => p.Kind == PartnerKind.Charity).Select(p => p.Id).ToList();
        var programmes = await db.Programmes.Where(p => charities.Contains(p.PartnerId) && p.Active).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var found = regions.Search(city.Name.Chinese, 1);
        return new CityCrew(city, hub, couriers, partners, programmes.ToLookup(p => p.PartnerId), RegionCode.Parse(found.Count > 0 ? found[0].Code : "110000"));
    }

    private async Task SeedDayAsync(CityCrew crew, Campaign campaign, DateOnly day, List<Guid> givers, Dictionary<Guid, Guid> teamOf, DateOnly today,
        Random random, CancellationToken ct)
    {
        var (city, hub, couriers, partners) = (crew.City, crew.Hub, crew.Couriers, crew.Partners);
        var zone = CityClock.Zone(city);
        DateTimeOffset At(DateOnly d, int hour, int minute = 0) => CityClock.At(d, new TimeOnly(hour, minute), zone);
        var districts = city.Districts.OrderBy(d => d.Slug).ToList();
        var pickups = new List<Pickup>();
        for (var i = 0; i < givers.Count; i++)
        {
            var district = districts[(i + day.DayNumber) % districts.Count];
            await planner.EnsureAsync(city, district.Id, day, day, ct);
            var slot = await db.Slots.Where(s => s.DistrictId == district.Id && s.LocalDate == day && s.CampaignId == null).OrderBy(s => s.StartsAt).FirstAsync(ct);
            var bookedAt = slot.StartsAt.AddDays(-2);
            var bags = 1 + random.Next(3);
            var pickup = Pickup.Book(PickupReference.New(), givers[i], city.Id, slot,
                new PickupAddress(district.Id, $"{10 + random.Next(80)} Demo Lane", null, "Demo Donor", "138 0013 8000", null,
                    district.Centre.Latitude + ((random.NextDouble() - 0.5) * 0.02), district.Centre.Longitude + ((random.NextDouble() - 0.5) * 0.02)),
                new Donation(ItemCategories.Clothing | (i % 2 == 0 ? ItemCategories.Shoes : ItemCategories.HomeTextiles), bags, WeightBand.From5To10Kg,
                    ItemCondition.Wearable, null),
                city.Booking.MinimumKg, city.Booking.Cutoff, bookedAt);
            if (!await reservations.TryTakeAsync(slot.Id, ct))
            {
                continue;
            }
            pickup.CountFor(campaign.Id, teamOf.TryGetValue(givers[i], out var team) ? team : null);
            var courier = couriers[i % couriers.Count];
            var collectedAt = slot.StartsAt.AddMinutes(20 + random.Next(60));
            pickup.Assign(courier.Id, i + 1, bookedAt.AddDays(1));
            pickup.StartRoute(courier.Id, collectedAt.AddMinutes(-15), null);
            pickup.Collect(courier.Id, [.. pickup.Labels.Select(l => l.LabelId)], bags, Math.Round(4m + (decimal)(random.NextDouble() * 9), 1), null, null,
                collectedAt, null);
            db.Pickups.Add(pickup);
            pickups.Add(pickup);
        }
        await recorder.RecordAsync(ct);
        await db.SaveChangesAsync(ct);
        if (pickups.Count == 0 || day >= today)
        {
            return;
        }
        foreach (var pickup in pickups)
        {
            pickup.ReceiveAtHub([.. pickup.Labels.Select(l => l.LabelId)], null, At(day, 16));
        }
        await recorder.RecordAsync(ct);
        await db.SaveChangesAsync(ct);
        if (day >= today.AddDays(-1))
        {
            return; // today's and yesterday's bags wait at the hub
        }

        var received = pickups.Sum(p => p.ReceivedKg ?? 0);
        var ids = pickups.Select(p => p.Id).ToList();
        var sortedAt = At(day.AddDays(1), 10);
        var reuseShare = 0.55m + (decimal)(random.NextDouble() * 0.15);
        var reuse = Lot.Sort(hub.Id, city.Id, LotStream.Reuse, Math.Round(received * reuseShare, 1), ItemCategories.Clothing | ItemCategories.Shoes, ids, sortedAt);
        var recycle = Lot.Sort(hub.Id, city.Id, LotStream.Recycle, Math.Round(received * (0.92m - reuseShare), 1), ItemCategories.Clothing | ItemCategories.HomeTextiles,
            ids, sortedAt);
        var waste = Lot.Sort(hub.Id, city.Id, LotStream.Waste, Math.Max(Lot.MinKg, Math.Round(received * 0.06m, 1)), ItemCategories.Clothing, ids, sortedAt);
        db.Lots.AddRange(reuse, recycle, waste);
        foreach (var pickup in pickups)
        {
            pickup.MarkSorted(sortedAt);
        }
        await recorder.RecordAsync(ct);
        await db.SaveChangesAsync(ct);
        if (day >= today.AddDays(-3))
        {
            return;
        }

        var charity = partners.Where(p => p.Kind == PartnerKind.Charity).ElementAt(day.DayNumber % 2);
        var recycler = partners.First(p => p.Kind == PartnerKind.Recycler);
        reuse.Allocate(charity, sortedAt.AddHours(3));
        recycle.Allocate(recycler, sortedAt.AddHours(3));
        var receivedAt = At(day.AddDays(2), 11);
        var items = (int)Math.Round(reuse.Kg * 3.5m);
        reuse.ConfirmReceipt(charity.Id, reuse.Kg, items, null, receivedAt);
        recycle.ConfirmReceipt(recycler.Id, recycle.Kg, 0, null, receivedAt);
        await recorder.RecordAsync(ct);
        await db.SaveChangesAsync(ct);
        if (day >= today.AddDays(-6))
        {
            return;
        }

        var programmes = crew.Programmes[charity.Id].ToList();
        var region = crew.Region;
        var firstItems = items * 2 / 3;
        reuse.Distribute(charity.Id, programmes[0], day.AddDays(4), region, firstItems, Math.Max(1, firstItems / 4), At(day.AddDays(4), 15));
        reuse.Distribute(charity.Id, programmes[1 % programmes.Count], day.AddDays(5), region, items - firstItems,
            Math.Max(1, (items - firstItems) / 3), At(day.AddDays(5), 15));
        recycle.RecordRecycled(recycler.Id, Math.Round(recycle.Kg * 0.9m, 1), At(day.AddDays(6), 12));
        await recorder.RecordAsync(ct);
        await db.SaveChangesAsync(ct);
    }
}
