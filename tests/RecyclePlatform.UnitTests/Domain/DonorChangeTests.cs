using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.UnitTests.Domain;

/// <summary>What the donor's page offers is what the pickup would accept.</summary>
public sealed class DonorChangeTests
{
    private static readonly Guid District = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cutoff = TimeSpan.FromHours(2);

    private static Slot SlotAt(DateTimeOffset start) =>
        Slot.Create(Guid.CreateVersion7(), District, DateOnly.FromDateTime(start.UtcDateTime), start, start.AddHours(3), 5);

    private static Pickup Booked() =>
        Pickup.Book(PickupReference.New(), Guid.CreateVersion7(), Guid.CreateVersion7(), SlotAt(Now.AddDays(1)),
            new PickupAddress(District, "1 Road", null, "Lin", "138 0013 8000", null, null, null),
            new Donation(ItemCategories.Clothing, 2, WeightBand.From5To10Kg, ItemCondition.Wearable, null), 0, Cutoff, Now);

    [Fact]
    public void ChangeableUntil_IsTheCutoffBeforeTheWindow()
    {
        var pickup = Booked();

        pickup.ChangeableUntil(Cutoff).ShouldBe(pickup.WindowStart - Cutoff);
    }

    [Fact]
    public void Booked_BeforeTheCutoff_MayBeRescheduledAndCancelled()
    {
        var pickup = Booked();

        pickup.CanBeRescheduledByDonor(Cutoff, Now).ShouldBeTrue();
        pickup.CanBeCancelledByDonor(Cutoff, Now).ShouldBeTrue();
        Should.NotThrow(() => pickup.Reschedule(SlotAt(Now.AddDays(2)), Cutoff, Now));
        Should.NotThrow(() => pickup.Cancel(PickupActor.Consumer, Cutoff, Now, null));
    }

    [Fact]
    public void AtTheCutoff_NeitherIsOffered_AndNeitherIsAccepted()
    {
        var pickup = Booked();
        var late = pickup.ChangeableUntil(Cutoff);

        pickup.CanBeRescheduledByDonor(Cutoff, late).ShouldBeFalse();
        pickup.CanBeCancelledByDonor(Cutoff, late).ShouldBeFalse();
        Should.Throw<DomainRuleException>(() => pickup.Reschedule(SlotAt(Now.AddDays(2)), Cutoff, late)).Code.ShouldBe("pickup.after_cutoff");
        Should.Throw<DomainRuleException>(() => pickup.Cancel(PickupActor.Consumer, Cutoff, late, null)).Code.ShouldBe("pickup.after_cutoff");
    }

    [Fact]
    public void Assigned_MayBeCancelled_ButNotRescheduled()
    {
        var pickup = Booked();
        pickup.Assign(Guid.CreateVersion7(), 1, Now);

        pickup.CanBeRescheduledByDonor(Cutoff, Now).ShouldBeFalse();
        Should.Throw<DomainRuleException>(() => pickup.Reschedule(SlotAt(Now.AddDays(2)), Cutoff, Now)).Code.ShouldBe("pickup.not_reschedulable");
        pickup.CanBeCancelledByDonor(Cutoff, Now).ShouldBeTrue();
        Should.NotThrow(() => pickup.Cancel(PickupActor.Consumer, Cutoff, Now, null));
    }

    [Fact]
    public void Cancelled_IsOfferedNothing()
    {
        var pickup = Booked();
        pickup.Cancel(PickupActor.Consumer, Cutoff, Now, null);

        pickup.CanBeRescheduledByDonor(Cutoff, Now).ShouldBeFalse();
        pickup.CanBeCancelledByDonor(Cutoff, Now).ShouldBeFalse();
        Should.Throw<DomainRuleException>(() => pickup.Cancel(PickupActor.Consumer, Cutoff, Now, null)).Code.ShouldBe("pickup.not_cancellable");
    }
}
