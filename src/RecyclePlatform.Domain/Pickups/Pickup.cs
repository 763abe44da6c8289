using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Custody;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Domain.Pickups;

/// <summary>
/// A donor's booked collection. Every change of status or window is checked here and
/// recorded as an immutable timeline event.
/// </summary>
public sealed class Pickup : IVersioned, IRecordsCustody
{
    private readonly CustodyFactList _facts = new();
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
        _labels.AddRange(BagLabel.For(reference, donation.Bags));
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

    /// <summary>The courier profile the stop is assigned to, and its place in their route.</summary>
    public Guid? CourierId { get; private set; }

    public int? RouteOrder { get; private set; }

    /// <summary>The shift whose route holds the stop, when it was planned on one.</summary>
    public Guid? ShiftId { get; private set; }

    /// <summary>When the plan expects the courier to start service at the door.</summary>
    public DateTimeOffset? PlannedArrival { get; private set; }

    /// <summary>Why the last plan left this pickup without a courier; null when planned or never planned.</summary>
    public Dispatch.UnservedReason? UnservedReason { get; private set; }

    /// <summary>What the courier recorded at the door; null until picked up.</summary>
    public Collection? Collection { get; private set; }

    public FailureReason? FailureReason { get; private set; }

    /// <summary>How the ledger names this pickup (a donor commitment, never the donor); set at the first custody entry.</summary>
    public string? LedgerCommitment { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The campaign the pickup counts for (named by id in the door's ledger entry); null for none.</summary>
    public Guid? CampaignId { get; private set; }

    /// <summary>The donor's team when they booked; the door's ledger entry names it by id.</summary>
    public Guid? TeamId { get; private set; }

    /// <summary>The team's collection point the donor brings their bags to; null for a pickup at the donor's own door.</summary>
    public Guid? CollectionPointId { get; private set; }

    /// <summary>When the day-before reminder was queued; null until then, so it is sent once.</summary>
    public DateTimeOffset? ReminderQueuedAt { get; private set; }

    public long Version { get; private set; }
    public IReadOnlyList<PickupEvent> Timeline => _timeline;
    public IReadOnlyList<BagLabel> Labels => _labels;
    public IReadOnlyList<CustodyFact> CustodyFacts => _facts.Items;

    public void ClearCustodyFacts() => _facts.Clear();

    /// <summary>
    /// Books a place in <paramref name="slot"/>. The slot's capacity is taken separately and
    /// atomically by the caller; this checks every rule that needs no lock.
    /// </summary>
    public static Pickup Book(string reference, Guid consumerId, Guid cityId, Slot slot, PickupAddress address,
        Donation donation, int minimumKg, TimeSpan cutoff, DateTimeOffset now)
    {
        RequireBookable(slot, address.DistrictId, cutoff, now);
        if (donation.LeastKg < minimumKg)
        {
            throw new DomainRuleException(Rules.Pickup.BelowMinimumWeight);
        }
        var pickup = new Pickup(Guid.CreateVersion7(), PickupReference.Require(reference), consumerId, cityId, slot, address, donation, now);
        pickup.Record(now, PickupActor.Consumer, from: null, PickupStatus.Booked, note: null);
        return pickup;
    }

    /// <summary>
    /// A dispatcher imports a pickup for a community drive: no donor account, the window may be any
    /// future one of the district (the drive was agreed beforehand, so the cut-off does not apply).
    /// </summary>
    public static Pickup ImportForDrive(string reference, Guid cityId, Slot slot, PickupAddress address, Donation donation, DateTimeOffset now)
    {
        RequireBookable(slot, address.DistrictId, cutoff: null, now);
        var pickup = new Pickup(Guid.CreateVersion7(), PickupReference.Require(reference), null, cityId, slot, address, donation, now);
        pickup.Record(now, PickupActor.Dispatcher, from: null, PickupStatus.Booked, "imported");
        return pickup;
    }

    /// <summary>What the pickup counts for, decided at booking: the campaign running in its city that day and the donor's team.</summary>
    public void CountFor(Guid? campaignId, Guid? teamId)
    {
        if (Status != PickupStatus.Booked)
        {
            throw new DomainRuleException(Rules.Pickup.NotReschedulable);
        }
        CampaignId = campaignId;
        TeamId = teamId;
    }

    /// <summary>
    /// A team member books their bags into the team's collection point: the point's address and window, counted for the
    /// team. The point is checked by the caller (<see cref="Campaigns.CollectionPoint.RequireRoom"/>).
    /// </summary>
    public static Pickup AtCollectionPoint(string reference, Guid consumerId, Campaigns.CollectionPoint point, Slot slot, Donation donation,
        int minimumKg, TimeSpan cutoff, DateTimeOffset now)
    {
        if (slot.Id != point.SlotId)
        {
            throw new DomainRuleException(Rules.Pickup.DistrictMismatch);
        }
        var pickup = Book(reference, consumerId, point.CityId, slot, point.Address, donation, minimumKg, cutoff, now);
        pickup.CollectionPointId = point.Id;
        return pickup;
    }

    /// <summary>Moves a booked pickup to another window of the same district, before the cut-off of both.</summary>
    public void Reschedule(Slot newSlot, TimeSpan cutoff, DateTimeOffset now)
    {
        if (!Status.IsReschedulable())
        {
            throw new DomainRuleException(Rules.Pickup.NotReschedulable);
        }
        if (CollectionPointId is not null)
        {
            // The courier comes to the point in its window; cancelling stays open to the donor.
            throw new DomainRuleException(Rules.CollectionPoint.PickupFixed);
        }
        RequireBeforeCutoff(cutoff, now);
        if (newSlot.Id == SlotId)
        {
            throw new DomainRuleException(Rules.Pickup.SameWindow);
        }
        RequireBookable(newSlot, Address.DistrictId, cutoff, now);
        if (newSlot.CampaignId is { } windowCampaign && CampaignId is { } counted && counted != windowCampaign)
        {
            throw new DomainRuleException(Rules.Campaign.WindowOfAnother);
        }
        // A campaign's own window makes the pickup count for it; one already counted for a campaign keeps it.
        CampaignId ??= newSlot.CampaignId;
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
        if (!IsCancellable)
        {
            throw new DomainRuleException(Rules.Pickup.NotCancellable);
        }
        if (actor == PickupActor.Consumer)
        {
            RequireBeforeCutoff(cutoff, now);
        }
        var from = Move(PickupStatus.Cancelled);
        Record(now, actor, from, PickupStatus.Cancelled, note);
    }

    /// <summary>The last moment the donor may reschedule or cancel: the city's cut-off before the window.</summary>
    public DateTimeOffset ChangeableUntil(TimeSpan cutoff) => WindowStart - cutoff;

    /// <summary>Whether <see cref="Reschedule"/> would accept the donor's change now (given a window that is still open).</summary>
    public bool CanBeRescheduledByDonor(TimeSpan cutoff, DateTimeOffset now) => Status.IsReschedulable() && CollectionPointId is null && now < ChangeableUntil(cutoff);

    /// <summary>Whether <see cref="Cancel"/> would accept the donor's cancellation now.</summary>
    public bool CanBeCancelledByDonor(TimeSpan cutoff, DateTimeOffset now) => IsCancellable && now < ChangeableUntil(cutoff);

    private bool IsCancellable => CanMove(Status, PickupStatus.Cancelled);

    private void RequireBeforeCutoff(TimeSpan cutoff, DateTimeOffset now)
    {
        if (now >= ChangeableUntil(cutoff))
        {
            throw new DomainRuleException(Rules.Pickup.AfterCutoff);
        }
    }

    /// <summary>
    /// A window a pickup at an address of <paramref name="districtId"/> may be booked into: the district's,
    /// not begun, and (unless the cut-off is waived, as for an agreed drive) still open.
    /// </summary>
    private static void RequireBookable(Slot slot, Guid districtId, TimeSpan? cutoff, DateTimeOffset now)
    {
        if (slot.DistrictId != districtId)
        {
            throw new DomainRuleException(Rules.Pickup.DistrictMismatch);
        }
        if (slot.StartsAt <= now)
        {
            throw new DomainRuleException(Rules.Pickup.WindowInPast);
        }
        if (cutoff is { } c && !slot.IsOpenAt(now, c))
        {
            throw new DomainRuleException(Rules.Pickup.AfterCutoff);
        }
    }

    public void MarkReminderQueued(DateTimeOffset now) => ReminderQueuedAt ??= now;

    /// <summary>
    /// The status changes the lifecycle allows: anything else is refused with
    /// <c>pickup.transition_not_allowed</c>, never silently applied. (A reschedule keeps the status
    /// and only records a Booked → Booked event.) Assigned → Booked and AtHub → Sorted are allowed
    /// here for the dispatch and hub issues, which perform them.
    /// </summary>
    public static readonly IReadOnlySet<(PickupStatus From, PickupStatus To)> Transitions = new HashSet<(PickupStatus, PickupStatus)>
    {
        (PickupStatus.Booked, PickupStatus.Assigned),
        (PickupStatus.Assigned, PickupStatus.Assigned),   // reassigned to another courier or position
        (PickupStatus.Assigned, PickupStatus.Booked),     // taken off a route
        (PickupStatus.Assigned, PickupStatus.EnRoute),
        (PickupStatus.EnRoute, PickupStatus.PickedUp),
        (PickupStatus.Assigned, PickupStatus.Failed),
        (PickupStatus.EnRoute, PickupStatus.Failed),
        (PickupStatus.PickedUp, PickupStatus.AtHub),
        (PickupStatus.AtHub, PickupStatus.Sorted),
        (PickupStatus.Booked, PickupStatus.Cancelled),
        (PickupStatus.Assigned, PickupStatus.Cancelled),
    };

    public static bool CanMove(PickupStatus from, PickupStatus to) => Transitions.Contains((from, to));

    /// <summary>A dispatcher puts the stop on a courier's route (or moves it to another courier or position).</summary>
    public void Assign(Guid courierId, int routeOrder, DateTimeOffset now)
    {
        RequireRouteOrder(routeOrder);
        var from = Move(PickupStatus.Assigned);
        CourierId = courierId;
        RouteOrder = routeOrder;
        UnservedReason = null;
        Record(now, PickupActor.Dispatcher, from, PickupStatus.Assigned, null);
    }

    /// <summary>
    /// A plan (automatic or by hand) puts the stop on a shift's route. Moving it to another courier is
    /// a timeline event; a new position or arrival estimate on the same route is not.
    /// </summary>
    public void Plan(Guid courierId, Guid shiftId, int routeOrder, DateTimeOffset plannedArrival, DateTimeOffset now)
    {
        RequireRouteOrder(routeOrder);
        if (Status == PickupStatus.Assigned && CourierId == courierId)
        {
            ShiftId = shiftId;
            RouteOrder = routeOrder;
            PlannedArrival = plannedArrival;
            return;
        }
        Assign(courierId, routeOrder, now);
        ShiftId = shiftId;
        PlannedArrival = plannedArrival;
    }

    /// <summary>The plan keeps a started stop where it is: only its position and estimate change.</summary>
    public void Reposition(int routeOrder, DateTimeOffset? plannedArrival)
    {
        RouteOrder = routeOrder;
        PlannedArrival = plannedArrival;
    }

    /// <summary>The plan found no place for this pickup: it goes back to booked (off any route) with the reason.</summary>
    public void LeaveUnplanned(Dispatch.UnservedReason reason, DateTimeOffset now)
    {
        UnservedReason = reason;
        if (Status == PickupStatus.Assigned)
        {
            var from = Move(PickupStatus.Booked);
            CourierId = null;
            ShiftId = null;
            RouteOrder = null;
            PlannedArrival = null;
            Record(now, PickupActor.Dispatcher, from, PickupStatus.Booked, $"unplanned:{reason}");
        }
        else if (Status != PickupStatus.Booked)
        {
            throw new DomainRuleException(Rules.Pickup.TransitionNotAllowed);
        }
    }

    /// <summary>The assigned courier sets off to this stop.</summary>
    public void StartRoute(Guid courierId, DateTimeOffset now, GeoPoint? at)
    {
        RequireCourier(courierId);
        var from = Move(PickupStatus.EnRoute);
        Record(now, PickupActor.Courier, from, PickupStatus.EnRoute, null, at);
        _facts.Add(new PickupOnTheWay(now, Id));
    }

    /// <summary>
    /// The courier collects: every scanned label must be one of this pickup's, and a bag count that
    /// differs from the labels scanned needs a note saying why.
    /// </summary>
    public void Collect(Guid courierId, IReadOnlyCollection<string> scannedLabels, int bags, decimal weightKg,
        string? photoSha256, string? note, DateTimeOffset now, GeoPoint? at)
    {
        RequireCourier(courierId);
        if (Status != PickupStatus.EnRoute)
        {
            throw new DomainRuleException(Rules.Pickup.TransitionNotAllowed);
        }
        var labels = scannedLabels.Select(BagLabel.Normalise).Where(l => l.Length > 0).ToList();
        if (labels.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainRuleException(Rules.Pickup.LabelScannedTwice) { Subject = twice.Key };
        }
        RequireOwnLabels(labels);
        var collection = new Collection(bags, weightKg, photoSha256);
        var trimmedNote = PickupEvent.Tidy(note);
        if (bags != labels.Count && trimmedNote is null)
        {
            throw new DomainRuleException(Rules.Pickup.BagCountMismatch);
        }
        foreach (var label in _labels)
        {
            label.Collected = labels.Contains(label.LabelId);
        }
        Collection = collection;
        var from = Move(PickupStatus.PickedUp);
        Record(now, PickupActor.Courier, from, PickupStatus.PickedUp, trimmedNote, at);
        _facts.Add(new PickupCollected(now, Id, courierId, collection.Bags, collection.WeightKg,
            [.. _labels.Where(l => l.Collected).Select(l => l.LabelId)], collection.PhotoSha256));
    }

    /// <summary>The courier could not collect; the reason is shown to the donor, who can book again.</summary>
    public void Fail(Guid courierId, FailureReason reason, string? note, DateTimeOffset now, GeoPoint? at)
    {
        RequireCourier(courierId);
        var trimmedNote = PickupEvent.Tidy(note);
        if (reason == Pickups.FailureReason.Other && trimmedNote is null)
        {
            throw new DomainRuleException(Rules.Pickup.FailureNoteRequired);
        }
        var from = Move(PickupStatus.Failed);
        FailureReason = reason;
        Record(now, PickupActor.Courier, from, PickupStatus.Failed, trimmedNote, at);
        _facts.Add(new PickupNotCollected(now, Id, reason));
    }

    /// <summary>
    /// The hub receives the courier's bags. Collected labels not received are flagged as missing in
    /// the event, which needs a note then.
    /// </summary>
    public IReadOnlyList<string> ReceiveAtHub(IReadOnlyCollection<string> receivedLabels, string? note, DateTimeOffset now, decimal? intakeKg = null)
    {
        if (intakeKg is < Collection.MinKg or > Collection.MaxKg)
        {
            throw new DomainRuleException(Rules.Pickup.WeightOutOfRange);
        }
        var received = receivedLabels.Select(BagLabel.Normalise).ToHashSet();
        RequireOwnLabels(received);
        var missing = _labels.Where(l => l.Collected && !received.Contains(l.LabelId)).Select(l => l.LabelId).ToList();
        var trimmedNote = PickupEvent.Tidy(note);
        if (missing.Count > 0 && trimmedNote is null)
        {
            throw new DomainRuleException(Rules.Pickup.MissingBagsNoteRequired);
        }
        var from = Move(PickupStatus.AtHub);
        foreach (var label in _labels)
        {
            label.ReceivedAtHub = received.Contains(label.LabelId);
        }
        IntakeKg = intakeKg is { } kg ? decimal.Round(kg, 2) : null;
        Record(now, PickupActor.HubOperator, from, PickupStatus.AtHub,
            missing.Count == 0 ? trimmedNote : $"missing:{string.Join(',', missing)} {trimmedNote}");
        _facts.Add(new PickupReceivedAtHub(now, Id, CourierId!.Value,
            [.. _labels.Where(l => l.Collected && l.ReceivedAtHub).Select(l => l.LabelId)], missing, IntakeKg, WeightDiscrepancy));
        return missing;
    }

    /// <summary>What the hub weighed at intake; null when it took the door weight as it was.</summary>
    public decimal? IntakeKg { get; private set; }

    /// <summary>The weight the hub works with: its own at intake, else the courier's at the door.</summary>
    public decimal? ReceivedKg => IntakeKg ?? Collection?.WeightKg;

    /// <summary>Intake and door weights differ by more than 0.5 kg and 10 %: flagged for the hub to look into.</summary>
    public bool WeightDiscrepancy => IntakeKg is { } intake && Collection is { } door
        && Math.Abs(intake - door.WeightKg) > Math.Max(0.5m, door.WeightKg * 0.10m);

    /// <summary>The hub sorted this pickup's bags into lots.</summary>
    public void MarkSorted(DateTimeOffset now)
    {
        var from = Move(PickupStatus.Sorted);
        Record(now, PickupActor.HubOperator, from, PickupStatus.Sorted, null);
    }

    private PickupStatus Move(PickupStatus to)
    {
        if (!CanMove(Status, to))
        {
            throw new DomainRuleException(Rules.Pickup.TransitionNotAllowed);
        }
        var from = Status;
        Status = to;
        return from;
    }

    private void RequireCourier(Guid courierId)
    {
        if (CourierId != courierId)
        {
            throw new DomainRuleException(Rules.Pickup.NotYourStop);
        }
    }

    private static void RequireRouteOrder(int routeOrder)
    {
        if (routeOrder < 1)
        {
            throw new DomainRuleException(Rules.Pickup.RouteOrderInvalid);
        }
    }

    /// <summary>Every label scanned or ticked off must be one printed for this pickup.</summary>
    private void RequireOwnLabels(IEnumerable<string> labels)
    {
        if (labels.FirstOrDefault(l => _labels.All(own => own.LabelId != l)) is { } foreign)
        {
            throw new DomainRuleException(Rules.Pickup.LabelNotOurs) { Subject = foreign };
        }
    }

    /// <summary>Whether the place this pickup holds in its slot is still taken.</summary>
    public bool HoldsPlace => !Status.HasEndedUncollected();

    /// <summary>Once set, the commitment never changes: every later entry must name the pickup the same way.</summary>
    public void CommitToLedger(string commitment)
    {
        if (LedgerCommitment is not null && LedgerCommitment != commitment)
        {
            throw new InvalidOperationException("A pickup's ledger commitment never changes.");
        }
        LedgerCommitment = commitment;
    }

    /// <summary>
    /// Account deletion: unlink the donor and erase the address. The reference printed on the bags
    /// is replaced by a random tombstone and the commitment forgotten, so nothing kept here can join
    /// the person's pickup to its ledger entries; the history of statuses stays.
    /// </summary>
    /// <summary>
    /// The address held someone else's details (the organiser of the collection point it was booked at, who deleted their
    /// account): only the district stays. The pickup stays the donor's.
    /// </summary>
    public void ForgetAddress() => Address = PickupAddress.Erased(Address.DistrictId);

    public void Erase(string tombstone)
    {
        ConsumerId = null;
        Address = PickupAddress.Erased(Address.DistrictId);
        Reference = PickupReference.Require(tombstone);
        LedgerCommitment = null;
        // Labels carry the old reference, and notes and door positions may say who or where: new rows without them.
        var labels = _labels.Select(l => l.Relabelled(Reference)).ToList();
        _labels.Clear();
        _labels.AddRange(labels);
        var timeline = _timeline.ToList();
        _timeline.Clear();
        _timeline.AddRange(timeline.Select(e => e with { Id = Guid.CreateVersion7(), Note = null, Latitude = null, Longitude = null }));
    }

    private void Record(DateTimeOffset at, PickupActor actor, PickupStatus? from, PickupStatus to, string? note, GeoPoint? where = null) =>
        _timeline.Add(new PickupEvent(Guid.CreateVersion7(), at, actor, from, to, PickupEvent.Fit(note))
        {
            Latitude = where?.Latitude,
            Longitude = where?.Longitude,
        });
}
