using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.UnitTests.Domain;

/// <summary>A campaign's own windows (what it accepts, how they join a city's day) and a team's collection point (who holds it, its room, its fixed window).</summary>
public sealed class CampaignWindowAndPointTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cutoff = TimeSpan.FromHours(2);
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static CampaignWindow Window(int h1, int m1, int h2, int m2) => new(0, new TimeOnly(h1, m1), new TimeOnly(h2, m2));

    private static Campaign CampaignIn(City city, params CampaignWindow[] windows) => Campaign.Create("early", new CampaignDetails(
        new LocalizedName("Early", "早"), "Story", "故事", Today, Today.AddDays(6), 100, [city.Id], [], windows), Now);

    private static City Beijing() => City.Create("beijing", new LocalizedName("Beijing", "北京"), "Asia/Shanghai");

    [Theory]
    [InlineData(7, 0, 6, 0)] // ends before it starts
    [InlineData(7, 0, 7, 10)] // shorter than half an hour
    [InlineData(6, 0, 18, 30)] // longer than twelve hours
    public void AWindowThatCannotBeWorked_IsRefused(int h1, int m1, int h2, int m2) =>
        Should.Throw<DomainRuleException>(() => CampaignIn(Beijing(), Window(h1, m1, h2, m2))).Rule.ShouldBe(Rules.Campaign.WindowsInvalid);

    [Fact]
    public void WindowsThatOverlapEachOther_OrMoreThanFour_AreRefused()
    {
        Should.Throw<DomainRuleException>(() => CampaignIn(Beijing(), Window(6, 0, 8, 0), Window(7, 30, 8, 30))).Rule.ShouldBe(Rules.Campaign.WindowsInvalid);
        Should.Throw<DomainRuleException>(() => CampaignIn(Beijing(), Window(4, 0, 4, 30), Window(5, 0, 5, 30), Window(6, 0, 6, 30), Window(7, 0, 7, 30),
            Window(8, 0, 8, 30))).Rule.ShouldBe(Rules.Campaign.WindowsInvalid);
        // Back to back is fine, and they are kept earliest first.
        CampaignIn(Beijing(), Window(7, 0, 8, 0), Window(6, 0, 7, 0)).Windows.Select(w => (w.Position, w.Starts.Hour)).ShouldBe([(0, 6), (1, 7)]);
    }

    [Fact]
    public void ACampaignsWindows_JoinTheCitysDays_OfItsPeriodOnly_AndNeverOverAWindowOfTheCity()
    {
        var city = Beijing(); // 09:00 to 21:00 in four windows of three hours
        var campaign = CampaignIn(city, Window(7, 30, 9, 0), Window(20, 0, 22, 0));

        var days = SlotPlanner.Windows(city, [campaign], Today.AddDays(-1), Today);

        var before = days.Where(w => w.Day == Today.AddDays(-1)).ToList();
        before.Count.ShouldBe(4);
        before.ShouldAllBe(w => w.CampaignId == null);
        var first = days.Where(w => w.Day == Today).ToList();
        first.Select(w => w.Start.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(["07:30", "09:00", "12:00", "15:00", "18:00"]); // 20:00 would overlap the city's 18:00 to 21:00
        first[0].CampaignId.ShouldBe(campaign.Id);
        first[0].End.ShouldBe(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void ALocalTimeThatADaylightSavingChangeSkips_IsLeftOutThatDay()
    {
        var city = City.Create("berlin", new LocalizedName("Berlin", "柏林"), "Europe/Berlin");
        var spring = new DateOnly(2027, 3, 28); // 02:00 to 03:00 does not happen in Berlin
        var campaign = Campaign.Create("night", new CampaignDetails(new LocalizedName("Night", "夜"), "Story", "故事", spring.AddDays(-1), spring, 100,
            [city.Id], [], [Window(2, 0, 3, 30)]), Now);

        var windows = SlotPlanner.Windows(city, [campaign], spring.AddDays(-1), spring);

        windows.Count(w => w.CampaignId == campaign.Id).ShouldBe(1);
        windows.Single(w => w.CampaignId == campaign.Id).Day.ShouldBe(spring.AddDays(-1));
    }

    [Fact]
    public void OnlyTheFounderHoldsAPoint_InAWindowOfItsDistrict_BeforeTheCutoff()
    {
        var founder = Guid.CreateVersion7();
        var team = Team.Form("Riverside", TeamKind.Community, founder, Now);
        var district = Guid.CreateVersion7();
        var city = Guid.CreateVersion7();
        var slot = Slot.Create(city, district, Today.AddDays(2), Now.AddDays(2), Now.AddDays(2).AddHours(3), 5);
        var address = new PickupAddress(district, "8 Riverside Road", null, "Wu", "139 0000 1111", null, null, null);

        Should.Throw<DomainRuleException>(() => CollectionPoint.Hold(team, Guid.CreateVersion7(), city, slot, address, Cutoff, Now))
            .Rule.ShouldBe(Rules.CollectionPoint.NotOrganiser);
        Should.Throw<DomainRuleException>(() => CollectionPoint.Hold(team, founder, city, slot, new PickupAddress(Guid.CreateVersion7(), "8 Riverside Road", null, "Wu", "139 0000 1111", null, null, null), Cutoff, Now))
            .Rule.ShouldBe(Rules.Pickup.DistrictMismatch);
        Should.Throw<DomainRuleException>(() => CollectionPoint.Hold(team, founder, city, slot, address, Cutoff, slot.StartsAt.AddMinutes(-30)))
            .Rule.ShouldBe(Rules.Pickup.AfterCutoff);

        var point = CollectionPoint.Hold(team, founder, city, slot, address, Cutoff, Now);
        point.RequireRoom(CollectionPoint.MaxHouseholds - 1);
        Should.Throw<DomainRuleException>(() => point.RequireRoom(CollectionPoint.MaxHouseholds)).Rule.ShouldBe(Rules.CollectionPoint.Full);

        // A member's pickup there keeps the point's window and address; it can be cancelled, not moved.
        var pickup = Pickup.AtCollectionPoint(PickupReference.New(), Guid.CreateVersion7(), point, slot,
            new Donation(ItemCategories.Clothing, 3, WeightBand.From5To10Kg, ItemCondition.Wearable, null), 0, Cutoff, Now);
        pickup.Address.ShouldBe(address);
        pickup.CollectionPointId.ShouldBe(point.Id);
        pickup.CanBeRescheduledByDonor(Cutoff, Now).ShouldBeFalse();
        Should.Throw<DomainRuleException>(() => pickup.Reschedule(Slot.Create(city, district, Today.AddDays(3), Now.AddDays(3), Now.AddDays(3).AddHours(3), 5), Cutoff, Now))
            .Rule.ShouldBe(Rules.CollectionPoint.PickupFixed);
        pickup.CanBeCancelledByDonor(Cutoff, Now).ShouldBeTrue();

        point.Cancel(team, founder, Now);
        Should.Throw<DomainRuleException>(() => point.RequireRoom(0)).Rule.ShouldBe(Rules.CollectionPoint.Cancelled);
        point.Forget(Now);
        point.Address.Street.ShouldBe("");
        point.Address.DistrictId.ShouldBe(district);
    }
}
