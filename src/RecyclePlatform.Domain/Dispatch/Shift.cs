using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Hubs;

namespace RecyclePlatform.Domain.Dispatch;

/// <summary>
/// A courier's working hours on one day: where they start and finish (hubs of their city) and what
/// their vehicle carries. The day's shifts are the vehicles of route optimisation and set the window
/// capacity offered to donors.
/// </summary>
public sealed class Shift : IVersioned
{
    public const int MaxBags = 200;
    public const int MaxKg = 2_000;
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(14);

    private Shift(Guid id, Guid courierId, Guid cityId, DateOnly localDate, DateTimeOffset startsAt, DateTimeOffset endsAt,
        Guid startHubId, Guid endHubId, int capacityBags, int capacityKg)
    {
        Id = id;
        CourierId = courierId;
        CityId = cityId;
        LocalDate = localDate;
        StartsAt = startsAt;
        EndsAt = endsAt;
        StartHubId = startHubId;
        EndHubId = endHubId;
        CapacityBags = capacityBags;
        CapacityKg = capacityKg;
    }

    private Shift()
    {
    }

    public Guid Id { get; private set; }
    public Guid CourierId { get; private set; }
    public Guid CityId { get; private set; }

    /// <summary>The day in the city's time zone.</summary>
    public DateOnly LocalDate { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public Guid StartHubId { get; private set; }
    public Guid EndHubId { get; private set; }
    public int CapacityBags { get; private set; }
    public int CapacityKg { get; private set; }

    /// <summary>The courier dropped out: the shift no longer counts, and its stops went to others.</summary>
    public bool DroppedOut { get; private set; }

    public long Version { get; private set; }

    public static Shift Create(Courier courier, Hub startHub, Hub endHub, DateOnly localDate, DateTimeOffset startsAt, DateTimeOffset endsAt,
        int capacityBags, int capacityKg)
    {
        if (!courier.Active)
        {
            throw new DomainRuleException(Rules.Shift.CourierInactive);
        }
        if (startHub.CityId != courier.CityId)
        {
            throw new DomainRuleException(Rules.Shift.StartHubOtherCity);
        }
        if (endHub.CityId != courier.CityId)
        {
            throw new DomainRuleException(Rules.Shift.EndHubOtherCity);
        }
        if (endsAt <= startsAt || endsAt - startsAt > MaxLength)
        {
            throw new DomainRuleException(Rules.Shift.HoursInvalid);
        }
        if (capacityBags is < 1 or > MaxBags)
        {
            throw new DomainRuleException(Rules.Shift.CapacityBagsInvalid);
        }
        if (capacityKg is < 1 or > MaxKg)
        {
            throw new DomainRuleException(Rules.Shift.CapacityKgInvalid);
        }
        return new Shift(Guid.CreateVersion7(), courier.Id, courier.CityId, localDate, startsAt.ToUniversalTime(), endsAt.ToUniversalTime(),
            startHub.Id, endHub.Id, capacityBags, capacityKg);
    }

    /// <summary>Whether this shift and <paramref name="other"/> put the same courier in two places at once.</summary>
    public bool Overlaps(Shift other) =>
        other.Id != Id && other.CourierId == CourierId && !other.DroppedOut && StartsAt < other.EndsAt && other.StartsAt < EndsAt;

    /// <summary>Whether the shift works the whole of a window, so it can take bookings in it.</summary>
    public bool Covers(DateTimeOffset windowStart, DateTimeOffset windowEnd) => !DroppedOut && StartsAt <= windowStart && EndsAt >= windowEnd;

    public void DropOut()
    {
        if (DroppedOut)
        {
            throw new DomainRuleException(Rules.Shift.AlreadyDroppedOut);
        }
        DroppedOut = true;
    }
}
