using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Domain.Campaigns;

/// <summary>
/// A team's collection point: one address and one window where members bring their bags and a courier
/// collects them all at once. Each member who comes books their own pickup there (their bags, labels,
/// receipt and impact), so the courier's stops share one address and the team's totals stay on the ledger.
/// </summary>
public sealed class CollectionPoint : IVersioned
{
    /// <summary>Households one courier can take at one address in one window.</summary>
    public const int MaxHouseholds = 60;

    /// <summary>Collection points a team has open at a time.</summary>
    public const int MaxOpenPerTeam = 5;

    private CollectionPoint()
    {
        Address = null!;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid CityId { get; private set; }
    public Guid SlotId { get; private set; }
    public DateTimeOffset WindowStart { get; private set; }
    public DateTimeOffset WindowEnd { get; private set; }

    /// <summary>Where members bring their bags, with the organiser's contact for the courier. Members see it; the public sees the district.</summary>
    public PickupAddress Address { get; private set; }

    public Guid OrganisedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public long Version { get; private set; }

    public bool IsOpen => CancelledAt is null;

    /// <summary>The team's founder holds a collection point in one of its district's windows, before the booking cut-off.</summary>
    public static CollectionPoint Hold(Team team, Guid organiserId, Guid cityId, Slot slot, PickupAddress address, TimeSpan cutoff, DateTimeOffset now)
    {
        RequireOrganiser(team, organiserId);
        if (slot.DistrictId != address.DistrictId || slot.CityId != cityId)
        {
            throw new DomainRuleException(Rules.Pickup.DistrictMismatch);
        }
        if (!slot.IsOpenAt(now, cutoff))
        {
            throw new DomainRuleException(slot.StartsAt <= now ? Rules.Pickup.WindowInPast : Rules.Pickup.AfterCutoff);
        }
        return new CollectionPoint
        {
            Id = Guid.CreateVersion7(),
            TeamId = team.Id,
            CityId = cityId,
            SlotId = slot.Id,
            WindowStart = slot.StartsAt,
            WindowEnd = slot.EndsAt,
            Address = address,
            OrganisedBy = organiserId,
            CreatedAt = now,
        };
    }

    /// <summary>Whether a member may still book a pickup here: open, before the cut-off, with room for one more household.</summary>
    public void RequireRoom(int householdsBooked)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException(Rules.CollectionPoint.Cancelled);
        }
        if (!HasRoom(householdsBooked))
        {
            throw new DomainRuleException(Rules.CollectionPoint.Full);
        }
    }

    public static bool HasRoom(int householdsBooked) => householdsBooked < MaxHouseholds;

    /// <summary>The organiser calls it off; the caller cancels the members' pickups booked there.</summary>
    public void Cancel(Team team, Guid by, DateTimeOffset now)
    {
        RequireOrganiser(team, by);
        if (!IsOpen)
        {
            throw new DomainRuleException(Rules.CollectionPoint.Cancelled);
        }
        CancelledAt = now;
    }

    /// <summary>The organiser deleted their account: the point is off and keeps only its district.</summary>
    public void Forget(DateTimeOffset now)
    {
        CancelledAt ??= now;
        Address = PickupAddress.Erased(Address.DistrictId);
    }

    private static void RequireOrganiser(Team team, Guid userId)
    {
        if (team.CreatedBy != userId)
        {
            throw new DomainRuleException(Rules.CollectionPoint.NotOrganiser);
        }
    }
}
