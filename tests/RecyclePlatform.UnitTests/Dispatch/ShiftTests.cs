using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.UnitTests.Dispatch;

public sealed class ShiftTests
{
    private static readonly Guid City = Guid.CreateVersion7();
    private static readonly Hub Home = Hub.Create(City, new LocalizedName("Hub", "中心"), "1 Road", new GeoPoint(39.9, 116.4));
    private static readonly DateTimeOffset Eight = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static Shift ShiftOf(Courier courier, int fromHour, int toHour, int bags = 30, int kg = 200, Hub? hub = null) =>
        Shift.Create(courier, hub ?? Home, hub ?? Home, new DateOnly(2026, 12, 1), Eight.AddHours(fromHour), Eight.AddHours(toHour), bags, kg);

    [Fact]
    public void AShift_NeedsHoursCapacityAndHubsOfTheCouriersCity()
    {
        var courier = Courier.Create(Guid.CreateVersion7(), City, Home.Id, "Li");
        var elsewhere = Hub.Create(Guid.CreateVersion7(), new LocalizedName("Far", "远"), "2 Road", new GeoPoint(31.2, 121.4));

        Assert.Equal("shift.hours_invalid", Assert.Throws<DomainRuleException>(() => ShiftOf(courier, 10, 10)).Code);
        Assert.Equal("shift.hours_invalid", Assert.Throws<DomainRuleException>(() => ShiftOf(courier, 0, 15)).Code);
        Assert.Equal("shift.capacity_bags_invalid", Assert.Throws<DomainRuleException>(() => ShiftOf(courier, 8, 16, bags: 0)).Code);
        Assert.Equal("shift.capacity_kg_invalid", Assert.Throws<DomainRuleException>(() => ShiftOf(courier, 8, 16, kg: 0)).Code);
        Assert.Equal("shift.start_hub_other_city", Assert.Throws<DomainRuleException>(() => ShiftOf(courier, 8, 16, hub: elsewhere)).Code);
        courier.Deactivate();
        Assert.Equal("shift.courier_inactive", Assert.Throws<DomainRuleException>(() => ShiftOf(courier, 8, 16)).Code);
    }

    [Fact]
    public void Shifts_OverlapOnlyForTheSameCourier_AndCoverOnlyWholeWindows()
    {
        var li = Courier.Create(Guid.CreateVersion7(), City, Home.Id, "Li");
        var wang = Courier.Create(Guid.CreateVersion7(), City, Home.Id, "Wang");
        var morning = ShiftOf(li, 8, 13);

        Assert.True(morning.Overlaps(ShiftOf(li, 12, 18)));
        Assert.False(morning.Overlaps(ShiftOf(li, 13, 18)));
        Assert.False(morning.Overlaps(ShiftOf(wang, 8, 13)));
        Assert.True(morning.Covers(Eight.AddHours(9), Eight.AddHours(12)));
        Assert.False(morning.Covers(Eight.AddHours(12), Eight.AddHours(15)));
        morning.DropOut();
        Assert.False(morning.Covers(Eight.AddHours(9), Eight.AddHours(12)));
        Assert.Equal("shift.already_dropped_out", Assert.Throws<DomainRuleException>(morning.DropOut).Code);
    }

    [Fact]
    public void APlannedPickup_IsAssigned_AndTakenOffTheRoute_WhenThePlanLeavesItOut()
    {
        var district = Guid.CreateVersion7();
        var slot = Slot.Create(City, district, new DateOnly(2026, 12, 1), Eight.AddHours(9), Eight.AddHours(12), 10);
        var pickup = Pickup.ImportForDrive(PickupReference.New(), City, slot,
            new PickupAddress(district, "1 Road", null, "Volunteer", "138 0013 8000", null, 39.9, 116.4),
            new Donation(ItemCategories.Clothing, 2, WeightBand.Under5Kg, ItemCondition.Mixed, null), Eight);
        var courier = Guid.CreateVersion7();
        var shift = Guid.CreateVersion7();

        pickup.Plan(courier, shift, 3, Eight.AddHours(9.5), Eight);
        pickup.Plan(courier, shift, 4, Eight.AddHours(10), Eight);   // same courier: no new event
        Assert.Equal((PickupStatus.Assigned, 4, shift), (pickup.Status, pickup.RouteOrder!.Value, pickup.ShiftId!.Value));
        Assert.Equal(2, pickup.Timeline.Count);

        pickup.LeaveUnplanned(UnservedReason.DayFull, Eight);

        Assert.Equal(PickupStatus.Booked, pickup.Status);
        Assert.Null(pickup.CourierId);
        Assert.Null(pickup.PlannedArrival);
        Assert.Equal(UnservedReason.DayFull, pickup.UnservedReason);
        Assert.Equal(3, pickup.Timeline.Count);
        Assert.Null(pickup.ConsumerId);
        Assert.Equal("pickup.window_in_past", Assert.Throws<DomainRuleException>(() => Pickup.ImportForDrive(PickupReference.New(), City, slot,
            new PickupAddress(district, "1 Road", null, "V", "138 0013 8000", null, null, null),
            new Donation(ItemCategories.Clothing, 1, WeightBand.Under5Kg, ItemCondition.Mixed, null), Eight.AddHours(10))).Code);
    }
}
