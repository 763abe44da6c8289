using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.UnitTests.Domain;

/// <summary>The pickup lifecycle of DESIGN.md: every allowed move, and every other one refused.</summary>
public sealed class LifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Courier = Guid.CreateVersion7();
    private static readonly Guid District = Guid.CreateVersion7();

    private static readonly (PickupStatus, PickupStatus)[] Allowed =
    [
        (PickupStatus.Booked, PickupStatus.Assigned),
        (PickupStatus.Booked, PickupStatus.Cancelled),
        (PickupStatus.Assigned, PickupStatus.Assigned),
        (PickupStatus.Assigned, PickupStatus.Booked),
        (PickupStatus.Assigned, PickupStatus.EnRoute),
        (PickupStatus.Assigned, PickupStatus.Failed),
        (PickupStatus.Assigned, PickupStatus.Cancelled),
        (PickupStatus.EnRoute, PickupStatus.PickedUp),
        (PickupStatus.EnRoute, PickupStatus.Failed),
        (PickupStatus.PickedUp, PickupStatus.AtHub),
        (PickupStatus.AtHub, PickupStatus.Sorted),
    ];

    public static TheoryData<PickupStatus, PickupStatus> EveryPair()
    {
        var data = new TheoryData<PickupStatus, PickupStatus>();
        foreach (var from in Enum.GetValues<PickupStatus>())
        {
            foreach (var to in Enum.GetValues<PickupStatus>())
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanMove_AllowsExactlyTheLifecycle(PickupStatus from, PickupStatus to)
    {
        Pickup.CanMove(from, to).ShouldBe(Allowed.Contains((from, to)), $"{from} → {to}");
    }

    private static Pickup Booked(int bags = 2)
    {
        var start = Now.AddDays(1);
        var slot = Slot.Create(Guid.CreateVersion7(), District, DateOnly.FromDateTime(start.UtcDateTime), start, start.AddHours(3), 5);
        return Pickup.Book(PickupReference.New(), Guid.CreateVersion7(), Guid.CreateVersion7(), slot,
            new PickupAddress(District, "1 Road", null, "Lin", "138 0013 8000", null, null, null),
            new Donation(ItemCategories.Clothing, bags, WeightBand.From5To10Kg, ItemCondition.Wearable, null), 0, TimeSpan.FromHours(2), Now);
    }

    private static Pickup EnRoute(int bags = 2)
    {
        var pickup = Booked(bags);
        pickup.Assign(Courier, 1, Now);
        pickup.StartRoute(Courier, Now, new GeoPoint(39.9, 116.4));
        return pickup;
    }

    private static Pickup PickedUp()
    {
        var pickup = EnRoute();
        pickup.Collect(Courier, [.. pickup.Labels.Select(l => l.LabelId)], 2, 7.5m, null, null, Now, null);
        return pickup;
    }

    [Fact]
    public void TheHappyPath_RecordsEveryStep_WithWhoAndWhere()
    {
        var pickup = PickedUp();

        pickup.ReceiveAtHub([.. pickup.Labels.Select(l => l.LabelId)], null, Now).ShouldBeEmpty();

        pickup.Status.ShouldBe(PickupStatus.AtHub);
        pickup.Timeline.Select(e => (e.From, e.To, e.Actor)).ShouldBe(
        [
            (null, PickupStatus.Booked, PickupActor.Consumer),
            (PickupStatus.Booked, PickupStatus.Assigned, PickupActor.Dispatcher),
            (PickupStatus.Assigned, PickupStatus.EnRoute, PickupActor.Courier),
            (PickupStatus.EnRoute, PickupStatus.PickedUp, PickupActor.Courier),
            (PickupStatus.PickedUp, PickupStatus.AtHub, PickupActor.HubOperator),
        ]);
        pickup.Timeline[2].Latitude.ShouldBe(39.9);
        pickup.Collection.ShouldBe(new Collection(2, 7.5m, null));
        pickup.Labels.ShouldAllBe(l => l.Collected && l.ReceivedAtHub);
    }

    [Fact]
    public void AnotherCourier_CannotMoveTheStop()
    {
        var pickup = Booked();
        pickup.Assign(Courier, 1, Now);

        Should.Throw<DomainRuleException>(() => pickup.StartRoute(Guid.CreateVersion7(), Now, null)).Code.ShouldBe("pickup.not_your_stop");
    }

    [Fact]
    public void Collect_BeforeSettingOff_IsRefused()
    {
        var pickup = Booked();
        pickup.Assign(Courier, 1, Now);

        Should.Throw<DomainRuleException>(() => pickup.Collect(Courier, [], 1, 5, null, "x", Now, null))
            .Code.ShouldBe("pickup.transition_not_allowed");
    }

    [Fact]
    public void Collect_ALabelOfAnotherPickup_IsRefused()
    {
        var pickup = EnRoute();

        var refused = Should.Throw<DomainRuleException>(() => pickup.Collect(Courier, [pickup.Labels[0].LabelId, "aaaaaaaa0-01"], 2, 5, null, null, Now, null));

        refused.Code.ShouldBe("pickup.label_not_ours");
        refused.Subject.ShouldBe("AAAAAAAA0-01");
        pickup.Status.ShouldBe(PickupStatus.EnRoute);
    }

    [Fact]
    public void Collect_TheSameLabelTwice_IsRefused()
    {
        var pickup = EnRoute();
        var label = pickup.Labels[0].LabelId;

        var refused = Should.Throw<DomainRuleException>(() => pickup.Collect(Courier, [label, label], 2, 5, null, null, Now, null));

        refused.Code.ShouldBe("pickup.label_scanned_twice");
        refused.Subject.ShouldBe(label);
    }

    [Fact]
    public void Collect_MoreBagsThanLabels_NeedsANote()
    {
        var pickup = EnRoute();
        string[] one = [pickup.Labels[0].LabelId];

        Should.Throw<DomainRuleException>(() => pickup.Collect(Courier, one, 3, 9, null, " ", Now, null)).Code.ShouldBe("pickup.bag_count_mismatch");
        pickup.Collect(Courier, one, 3, 9, null, "two bags had no label", Now, null);

        pickup.Status.ShouldBe(PickupStatus.PickedUp);
        pickup.Labels.Count(l => l.Collected).ShouldBe(1);
        pickup.Timeline[^1].Note.ShouldBe("two bags had no label");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.05)]
    [InlineData(501)]
    public void Collect_AnInsaneWeight_IsRefused(double kg)
    {
        var pickup = EnRoute();

        Should.Throw<DomainRuleException>(() => pickup.Collect(Courier, [.. pickup.Labels.Select(l => l.LabelId)], 2, (decimal)kg, null, null, Now, null))
            .Code.ShouldBe("pickup.weight_out_of_range");
    }

    [Fact]
    public void Collect_WithAPhotoHash_KeepsIt()
    {
        var pickup = EnRoute();
        var hash = new string('a', 64);

        pickup.Collect(Courier, [.. pickup.Labels.Select(l => l.LabelId)], 2, 4, hash.ToUpperInvariant(), null, Now, null);

        pickup.Collection!.PhotoSha256.ShouldBe(hash);
        Should.Throw<DomainRuleException>(() => new Collection(1, 1, "not-a-hash")).Code.ShouldBe("pickup.photo_hash_invalid");
    }

    [Fact]
    public void Fail_WithOther_NeedsANote_AndCannotHappenAfterPickup()
    {
        var pickup = EnRoute();

        Should.Throw<DomainRuleException>(() => pickup.Fail(Courier, FailureReason.Other, null, Now, null)).Code.ShouldBe("pickup.failure_note_required");
        pickup.Fail(Courier, FailureReason.NobodyHome, null, Now, null);

        pickup.Status.ShouldBe(PickupStatus.Failed);
        pickup.FailureReason.ShouldBe(FailureReason.NobodyHome);
        pickup.HoldsPlace.ShouldBeFalse();
        Should.Throw<DomainRuleException>(() => PickedUp().Fail(Courier, FailureReason.Refused, null, Now, null))
            .Code.ShouldBe("pickup.transition_not_allowed");
    }

    [Fact]
    public void ReceiveAtHub_WithAMissingBag_NeedsANote_AndFlagsIt()
    {
        var pickup = PickedUp();
        string[] onlyFirst = [pickup.Labels[0].LabelId];

        Should.Throw<DomainRuleException>(() => pickup.ReceiveAtHub(onlyFirst, null, Now)).Code.ShouldBe("pickup.missing_bags_note_required");
        var missing = pickup.ReceiveAtHub(onlyFirst, "second bag not in the van", Now);

        missing.ShouldBe([pickup.Labels[1].LabelId]);
        pickup.Timeline[^1].Note!.ShouldStartWith($"missing:{pickup.Labels[1].LabelId}");
    }

    [Fact]
    public void ReceiveAtHub_BeforePickup_IsRefused()
    {
        var pickup = EnRoute();

        Should.Throw<DomainRuleException>(() => pickup.ReceiveAtHub([], null, Now)).Code.ShouldBe("pickup.transition_not_allowed");
    }

    [Fact]
    public void Assign_AfterPickup_IsRefused_AndReassigningMovesTheStop()
    {
        var pickup = Booked();
        pickup.Assign(Courier, 1, Now);
        var other = Guid.CreateVersion7();

        pickup.Assign(other, 3, Now);

        pickup.CourierId.ShouldBe(other);
        pickup.RouteOrder.ShouldBe(3);
        Should.Throw<DomainRuleException>(() => PickedUp().Assign(Courier, 1, Now)).Code.ShouldBe("pickup.transition_not_allowed");
    }
}
