using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.UnitTests.Domain;

public sealed class PickupTests
{
    private static readonly Guid City = Guid.CreateVersion7();
    private static readonly Guid District = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cutoff = TimeSpan.FromHours(2);

    private static Slot SlotAt(DateTimeOffset start, Guid? district = null) =>
        Slot.Create(City, district ?? District, DateOnly.FromDateTime(start.UtcDateTime), start, start.AddHours(3), 5);

    private static PickupAddress Address(Guid? district = null) =>
        new(district ?? District, "88 Jianguo Road", "Unit 1201", "Lin Xiaoyu", "+86 138 0013 8000", "Ring twice", null, null);

    private static Donation Donation(int bags = 3, WeightBand weight = WeightBand.From5To10Kg) =>
        new(ItemCategories.Clothing | ItemCategories.Shoes, bags, weight, ItemCondition.Wearable, null);

    private static Pickup Book(Slot slot, int minimumKg = 0) =>
        Pickup.Book(PickupReference.New(), Guid.CreateVersion7(), City, slot, Address(), Donation(), minimumKg, Cutoff, Now);

    [Fact]
    public void Book_GivesOneLabelPerBag_AndABookedEvent()
    {
        var pickup = Book(SlotAt(Now.AddDays(1)));

        pickup.Status.ShouldBe(PickupStatus.Booked);
        pickup.Labels.Select(l => l.LabelId).ShouldBe([$"{pickup.Reference}-01", $"{pickup.Reference}-02", $"{pickup.Reference}-03"]);
        var booked = pickup.Timeline.ShouldHaveSingleItem();
        booked.From.ShouldBeNull();
        booked.To.ShouldBe(PickupStatus.Booked);
        booked.Actor.ShouldBe(PickupActor.Consumer);
    }

    [Fact]
    public void Book_InThePast_IsRefused()
    {
        Should.Throw<DomainRuleException>(() => Book(SlotAt(Now.AddHours(-1)))).Code.ShouldBe("pickup.window_in_past");
    }

    [Fact]
    public void Book_AfterTheCutoff_IsRefused()
    {
        Should.Throw<DomainRuleException>(() => Book(SlotAt(Now.AddMinutes(90)))).Code.ShouldBe("pickup.after_cutoff");
    }

    [Fact]
    public void Book_InAnotherDistrictsWindow_IsRefused()
    {
        var slot = SlotAt(Now.AddDays(1), district: Guid.CreateVersion7());

        Should.Throw<DomainRuleException>(() => Book(slot)).Code.ShouldBe("pickup.district_mismatch");
    }

    [Fact]
    public void Book_BelowTheCitysMinimum_IsRefused()
    {
        Should.Throw<DomainRuleException>(() => Pickup.Book(PickupReference.New(), Guid.CreateVersion7(), City,
                SlotAt(Now.AddDays(1)), Address(), Donation(weight: WeightBand.Under5Kg), 5, Cutoff, Now))
            .Code.ShouldBe("pickup.below_minimum_weight");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void Donation_OutsideOneToTwentyBags_IsRefused(int bags)
    {
        Should.Throw<DomainRuleException>(() => Donation(bags)).Code.ShouldBe("pickup.bag_count");
    }

    [Fact]
    public void Donation_WithoutACategory_IsRefused()
    {
        Should.Throw<DomainRuleException>(() => new Donation(ItemCategories.None, 1, WeightBand.Under5Kg, ItemCondition.Mixed, null))
            .Code.ShouldBe("pickup.categories_required");
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("abc")]
    public void Address_WithABadPhone_IsRefused(string phone)
    {
        Should.Throw<DomainRuleException>(() => new PickupAddress(District, "1 Road", null, "Lin", phone, null, null, null))
            .Code.ShouldBe("address.phone_invalid");
    }

    [Fact]
    public void Reschedule_MovesTheWindow_AndRecordsIt()
    {
        var pickup = Book(SlotAt(Now.AddDays(1)));
        var later = SlotAt(Now.AddDays(2));

        pickup.MarkReminderQueued(Now);
        pickup.Reschedule(later, Cutoff, Now.AddHours(1));

        pickup.SlotId.ShouldBe(later.Id);
        pickup.ReminderQueuedAt.ShouldBeNull();
        pickup.WindowStart.ShouldBe(later.StartsAt);
        pickup.Timeline.Count.ShouldBe(2);
        pickup.Timeline[1].Note!.ShouldStartWith("rescheduled:");
    }

    [Fact]
    public void Reschedule_AfterTheCutoffOfTheCurrentWindow_IsRefused()
    {
        var pickup = Book(SlotAt(Now.AddHours(5)));

        Should.Throw<DomainRuleException>(() => pickup.Reschedule(SlotAt(Now.AddDays(2)), Cutoff, Now.AddMinutes(210)))
            .Code.ShouldBe("pickup.after_cutoff");
    }

    [Fact]
    public void Reschedule_IntoTheSameWindow_IsRefused()
    {
        var slot = SlotAt(Now.AddDays(1));
        var pickup = Book(slot);

        Should.Throw<DomainRuleException>(() => pickup.Reschedule(slot, Cutoff, Now)).Code.ShouldBe("pickup.same_window");
    }

    [Fact]
    public void Cancel_ByTheConsumer_BeforeTheCutoff_FreesThePlace()
    {
        var pickup = Book(SlotAt(Now.AddDays(1)));

        pickup.Cancel(PickupActor.Consumer, Cutoff, Now, "moved house");

        pickup.Status.ShouldBe(PickupStatus.Cancelled);
        pickup.HoldsPlace.ShouldBeFalse();
        pickup.Timeline[^1].ShouldBe(pickup.Timeline[^1] with { From = PickupStatus.Booked, To = PickupStatus.Cancelled, Note = "moved house" });
    }

    [Fact]
    public void Cancel_Twice_IsRefused()
    {
        var pickup = Book(SlotAt(Now.AddDays(1)));
        pickup.Cancel(PickupActor.Consumer, Cutoff, Now, null);

        Should.Throw<DomainRuleException>(() => pickup.Cancel(PickupActor.Consumer, Cutoff, Now, null)).Code.ShouldBe("pickup.not_cancellable");
    }

    [Fact]
    public void Cancel_ByTheConsumer_AfterTheCutoff_IsRefused_ButADispatcherMay()
    {
        var pickup = Book(SlotAt(Now.AddHours(3)));
        var late = Now.AddHours(2);

        Should.Throw<DomainRuleException>(() => pickup.Cancel(PickupActor.Consumer, Cutoff, late, null)).Code.ShouldBe("pickup.after_cutoff");
        pickup.Cancel(PickupActor.Dispatcher, Cutoff, late, "courier ill");
        pickup.Status.ShouldBe(PickupStatus.Cancelled);
    }

    [Fact]
    public void Erase_ErasesPersonalDataAndTheReference_ButKeepsTheRecord()
    {
        var pickup = Book(SlotAt(Now.AddDays(1)));
        var reference = pickup.Reference;
        pickup.CommitToLedger(new string('a', 64));
        var tombstone = PickupReference.New();

        pickup.Erase(tombstone);

        pickup.Reference.ShouldBe(tombstone);
        pickup.LedgerCommitment.ShouldBeNull();
        pickup.Labels.ShouldAllBe(l => l.LabelId.StartsWith(tombstone, StringComparison.Ordinal) && !l.LabelId.Contains(reference, StringComparison.Ordinal));
        pickup.Timeline.ShouldAllBe(e => e.Note == null && e.Latitude == null);
        pickup.ConsumerId.ShouldBeNull();
        pickup.Address.DistrictId.ShouldBe(District);
        pickup.Address.Street.ShouldBeEmpty();
        pickup.Address.Phone.ShouldBeEmpty();
        pickup.Address.ContactName.ShouldBeEmpty();
        pickup.Address.AccessNotes.ShouldBeNull();
        pickup.Timeline.ShouldNotBeEmpty();
    }
}

public sealed class PickupReferenceTests
{
    [Fact]
    public void New_IsNineCharactersThatValidate()
    {
        for (var i = 0; i < 200; i++)
        {
            var reference = PickupReference.New();
            reference.Length.ShouldBe(9);
            PickupReference.Normalise(reference).ShouldBe(reference);
        }
    }

    [Fact]
    public void Normalise_AcceptsHowPeopleTypeIt()
    {
        var reference = PickupReference.New();
        var typed = PickupReference.Format(reference).ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');

        PickupReference.Normalise(typed).ShouldBe(reference);
        PickupReference.Format(reference).ShouldMatch("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$");
    }

    [Fact]
    public void Normalise_CatchesEverySingleMistypedCharacter()
    {
        var reference = PickupReference.New();
        for (var position = 0; position < reference.Length; position++)
        {
            foreach (var replacement in PickupReference.Alphabet.Where(c => c != reference[position]))
            {
                var typo = reference[..position] + replacement + reference[(position + 1)..];
                PickupReference.Normalise(typo).ShouldBeNull(typo);
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD")]
    [InlineData("ABCD-EFGH-JK")]
    [InlineData("ABCD-EFGH-U")]
    public void Normalise_RefusesWhatIsNotAReference(string? typed)
    {
        PickupReference.Normalise(typed).ShouldBeNull();
    }
}

public sealed class BookingPolicyTests
{
    [Fact]
    public void WindowsOn_ADay_AreLocalHoursInUtc()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var windows = BookingPolicy.Default.WindowsOn(new DateOnly(2026, 12, 2), shanghai).ToList();

        windows.Count.ShouldBe(4);
        windows[0].Start.ShouldBe(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero)); // 09:00 in Shanghai
        windows[3].End.ShouldBe(new DateTimeOffset(2026, 12, 2, 13, 0, 0, TimeSpan.Zero));  // 21:00 in Shanghai
        windows.ShouldAllBe(w => w.Start.Offset == TimeSpan.Zero);
    }

    [Fact]
    public void WindowsOn_ADaylightSavingDay_FollowTheLocalClock()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var windows = BookingPolicy.Default.WindowsOn(new DateOnly(2026, 3, 29), berlin).ToList();

        windows[0].Start.ShouldBe(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero)); // 09:00 CEST
    }

    [Theory]
    [InlineData(20, 3, 4)]
    [InlineData(9, 0, 4)]
    [InlineData(-1, 3, 1)]
    public void Policy_WithWindowsPastMidnight_IsRefused(int first, int hours, int count)
    {
        Should.Throw<DomainRuleException>(() => new BookingPolicy(first, hours, count, 14, 120, 8, 0))
            .Code.ShouldBe("booking_policy.windows_invalid");
    }
}

public sealed class SlotTests
{
    private static Slot Slot() =>
        RecyclePlatform.Domain.Slots.Slot.Create(Guid.CreateVersion7(), Guid.CreateVersion7(), new DateOnly(2026, 12, 2),
            new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 4, 0, 0, TimeSpan.Zero), 8);

    [Theory]
    [InlineData(-1)]
    [InlineData(501)]
    public void OverrideCapacity_OutOfRange_IsRefused(int capacity)
    {
        Should.Throw<DomainRuleException>(() => Slot().OverrideCapacity(capacity)).Code.ShouldBe("slot.capacity_out_of_range");
    }

    [Fact]
    public void OverrideCapacity_ToZero_ClosesTheWindow_AndIsMarked()
    {
        var slot = Slot();

        slot.OverrideCapacity(0);

        slot.PlacesLeft.ShouldBe(0);
        slot.CapacityOverridden.ShouldBeTrue();
    }

    [Fact]
    public void IsOpenAt_ClosesAtTheCutoff()
    {
        var slot = Slot();

        slot.IsOpenAt(slot.StartsAt.AddMinutes(-121), TimeSpan.FromHours(2)).ShouldBeTrue();
        slot.IsOpenAt(slot.StartsAt.AddMinutes(-120), TimeSpan.FromHours(2)).ShouldBeFalse();
    }
}
