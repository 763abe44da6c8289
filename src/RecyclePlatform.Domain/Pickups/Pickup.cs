using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Domain.Pickups;

/// <summary>
/// A donor's booked collection. Every change of status or window is checked here and
/// recorded as an immutable timeline event.
/// </summary>
public sealed class Pickup : IVersioned
{
    private readonly List<PickupEvent> _timeline = [];
    private readonly List<BagLabel> _labels = [];

    private Pickup(Guid id, string reference, Guid? consumerId, Guid cityId, Slot slot, PickupAddress address,
        Donation donation, DateTimeOffset now)
    {
        Id = id;
        Reference = reference;
        ConsumerId = consumerId;
        CityId = cityId;
        SlotId = slot.Id;
        WindowStart = slot.StartsAt;
        WindowEnd = slot.EndsAt;
        Address = address;
        Donation = donation;
        Status = PickupStatus.Booked;
        CreatedAt = now;
    }

    private Pickup()
    {
        Reference = "";
        Address = null!;
        Donation = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>Canonical <see cref="PickupReference"/>, unique.</summary>
    public string Reference { get; private set; }

    /// <summary>Null once the donor deleted their account: the record stays, anonymised.</summary>
    public Guid? ConsumerId { get; private set; }

    public Guid CityId { get; private set; }
    public Guid SlotId { get; private set; }
    public DateTimeOffset WindowStart { get; private set; }
    public DateTimeOffset WindowEnd { get; private set; }
    public PickupAddress Address { get; private set; }
    public Donation Donation { get; private set; }
    public PickupStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the day-before reminder was queued; null until then, so it is sent once.</summary>
    public DateTimeOffset? ReminderQueuedAt { get; private set; }

    public long Version { get; private set; }
    public IReadOnlyList<PickupEvent> Timeline => _timeline;
    public IReadOnlyList<BagLabel> Labels => _labels;

    /// <summary>
    /// Books a place in <paramref name="slot"/>. The slot's capacity is taken separately and
    /// atomically by the caller; this checks every rule that needs no lock.
    /// </summary>
    public static Pickup Book(string reference, Guid consumerId, Guid cityId, Slot slot, PickupAddress address,
        Donation donation, int minimumKg, TimeSpan cutoff, DateTimeOffset now)
    {
        if (slot.DistrictId != address.DistrictId)
        {
            throw new DomainRuleException("pickup.district_mismatch");
        }
        if (slot.StartsAt <= now)
        {
            throw new DomainRuleException("pickup.window_in_past");
        }
        if (!slot.IsOpenAt(now, cutoff))
        {
            throw new DomainRuleException("pickup.after_cutoff");
        }
        if (donation.LeastKg < minimumKg)
        {
            throw new DomainRuleException("pickup.below_minimum_weight");
        }
        var pickup = new Pickup(Guid.CreateVersion7(), PickupReference.Require(reference), consumerId, cityId, slot, address, donation, now);
        for (var bag = 1; bag <= donation.Bags; bag++)
        {
            pickup._labels.Add(new BagLabel(BagLabel.IdFor(pickup.Reference, bag), bag));
        }
        pickup.Record(now, PickupActor.Consumer, from: null, PickupStatus.Booked, note: null);
        return pickup;
    }

    /// <summary>Moves a booked pickup to another window of the same district, before the cut-off of both.</summary>
    public void Reschedule(Slot newSlot, TimeSpan cutoff, DateTimeOffset now)
    {
        if (Status != PickupStatus.Booked)
        {
            throw new DomainRuleException("pickup.not_reschedulable");
        }
        if (now >= WindowStart - cutoff)
        {
            throw new DomainRuleException("pickup.after_cutoff");
        }
        if (newSlot.Id == SlotId)
        {
            throw new DomainRuleException("pickup.same_window");
        }
        if (newSlot.DistrictId != Address.DistrictId)
        {
            throw new DomainRuleException("pickup.district_mismatch");
        }
        if (newSlot.StartsAt <= now)
        {
            throw new DomainRuleException("pickup.window_in_past");
        }
        if (!newSlot.IsOpenAt(now, cutoff))
        {
            throw new DomainRuleException("pickup.after_cutoff");
        }
        var previous = WindowStart;
        SlotId = newSlot.Id;
        WindowStart = newSlot.StartsAt;
        WindowEnd = newSlot.EndsAt;
        ReminderQueuedAt = null; // the day-before reminder is due again, for the new day
        Record(now, PickupActor.Consumer, Status, Status, $"rescheduled:{previous:O}");
    }

    /// <summary>The donor cancels before the cut-off; a dispatcher may cancel any open pickup.</summary>
    public void Cancel(PickupActor actor, TimeSpan cutoff, DateTimeOffset now, string? note)
    {
        if (Status is not (PickupStatus.Booked or PickupStatus.Assigned))
        {
            throw new DomainRuleException("pickup.not_cancellable");
        }
        if (actor == PickupActor.Consumer && now >= WindowStart - cutoff)
        {
            throw new DomainRuleException("pickup.after_cutoff");
        }
        var from = Status;
        Status = PickupStatus.Cancelled;
        Record(now, actor, from, PickupStatus.Cancelled, note);
    }

    public void MarkReminderQueued(DateTimeOffset now) => ReminderQueuedAt ??= now;

    /// <summary>Whether the place this pickup holds in its slot is still taken.</summary>
    public bool HoldsPlace => Status is not (PickupStatus.Cancelled or PickupStatus.Failed);

    /// <summary>Account deletion: unlink the donor and erase the address; the history stays.</summary>
    public void ForgetConsumer()
    {
        ConsumerId = null;
        Address = PickupAddress.Erased(Address.DistrictId);
    }

    private void Record(DateTimeOffset at, PickupActor actor, PickupStatus? from, PickupStatus to, string? note) =>
        _timeline.Add(new PickupEvent(Guid.CreateVersion7(), at, actor, from, to, note));
}

/// <summary>Who caused a timeline event, by role: events never name a person.</summary>
public enum PickupActor
{
    Consumer,
    Courier,
    Dispatcher,
    HubOperator,
    System,
}

/// <summary>An immutable line of a pickup's timeline.</summary>
public sealed record PickupEvent(Guid Id, DateTimeOffset At, PickupActor Actor, PickupStatus? From, PickupStatus To, string? Note)
{
    public const int MaxNote = 500;
}

/// <summary>The label printed for one bag; its id is what the courier's scan reads.</summary>
public sealed record BagLabel(string LabelId, int BagNumber)
{
    public static string IdFor(string reference, int bag) => $"{reference}-{bag:D2}";
}
