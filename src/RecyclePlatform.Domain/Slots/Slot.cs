using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Slots;

/// <summary>
/// One pickup window of one district, with its places. <see cref="Booked"/> only changes
/// through a single conditional UPDATE (booked &lt; capacity), so concurrent bookings can never
/// oversell it; see ISlotReservations in Application.
/// </summary>
public sealed class Slot : IVersioned
{
    private Slot(Guid id, Guid cityId, Guid districtId, DateOnly localDate, DateTimeOffset startsAt, DateTimeOffset endsAt, int capacity, Guid? campaignId)
    {
        CampaignId = campaignId;
        Id = id;
        CityId = cityId;
        DistrictId = districtId;
        LocalDate = localDate;
        StartsAt = startsAt;
        EndsAt = endsAt;
        Capacity = capacity;
    }

    private Slot()
    {
    }

    public Guid Id { get; private set; }
    public Guid CityId { get; private set; }
    public Guid DistrictId { get; private set; }

    /// <summary>The day in the city's time zone, for listing by date.</summary>
    public DateOnly LocalDate { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public int Capacity { get; private set; }

    /// <summary>The campaign whose own window this is (a pickup booked in it counts for the campaign); null for the city's windows.</summary>
    public Guid? CampaignId { get; private set; }

    /// <summary>Set by a dispatcher; otherwise the capacity follows the day's courier shifts (or the city's default before any are planned).</summary>
    public bool CapacityOverridden { get; private set; }

    public int Booked { get; private set; }
    public long Version { get; private set; }

    public int PlacesLeft => Math.Max(0, Capacity - Booked);

    public static Slot Create(Guid cityId, Guid districtId, DateOnly localDate, DateTimeOffset startsAt, DateTimeOffset endsAt, int capacity, Guid? campaignId = null)
    {
        if (endsAt <= startsAt)
        {
            throw new DomainRuleException(Rules.Slot.WindowInvalid);
        }
        if (capacity < 0)
        {
            throw new DomainRuleException(Rules.Slot.CapacityNegative);
        }
        return new Slot(Guid.CreateVersion7(), cityId, districtId, localDate, startsAt.ToUniversalTime(), endsAt.ToUniversalTime(), capacity, campaignId);
    }

    /// <summary>Whether a consumer may still book, reschedule into or cancel out of this window.</summary>
    public bool IsOpenAt(DateTimeOffset now, TimeSpan cutoff) => now < StartsAt - cutoff;

    public const int MaxCapacity = 500;

    /// <summary>
    /// A dispatcher's override. Places already booked stay booked even above the new capacity;
    /// the window then simply takes no more.
    /// </summary>
    public void OverrideCapacity(int capacity)
    {
        if (capacity is < 0 or > MaxCapacity)
        {
            throw new DomainRuleException(Rules.Slot.CapacityOutOfRange);
        }
        Capacity = capacity;
        CapacityOverridden = true;
    }
}
