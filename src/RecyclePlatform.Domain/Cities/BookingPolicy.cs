using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Cities;

/// <summary>
/// How a city offers pickup windows: consecutive windows of equal length each day, in the
/// city's local time, bookable over a horizon and closed some time before they start.
/// </summary>
public sealed record BookingPolicy
{
    public static readonly BookingPolicy Default = new(9, 3, 4, 14, 120, 8, 0);

    public BookingPolicy(int firstWindowHour, int windowHours, int windowsPerDay, int horizonDays,
        int cutoffMinutes, int defaultCapacity, int minimumKg)
    {
        if (firstWindowHour is < 0 or > 23 || windowHours is < 1 or > 12 || windowsPerDay < 1
            || firstWindowHour + (windowHours * windowsPerDay) > 24)
        {
            throw new DomainRuleException(Rules.BookingPolicy.WindowsInvalid);
        }
        if (horizonDays is < 1 or > 90 || cutoffMinutes is < 0 or > 48 * 60 || defaultCapacity < 0 || minimumKg is < 0 or > 100)
        {
            throw new DomainRuleException(Rules.BookingPolicy.LimitsInvalid);
        }
        FirstWindowHour = firstWindowHour;
        WindowHours = windowHours;
        WindowsPerDay = windowsPerDay;
        HorizonDays = horizonDays;
        CutoffMinutes = cutoffMinutes;
        DefaultCapacity = defaultCapacity;
        MinimumKg = minimumKg;
    }

    public int FirstWindowHour { get; private init; }
    public int WindowHours { get; private init; }
    public int WindowsPerDay { get; private init; }
    public int HorizonDays { get; private init; }

    /// <summary>Booking, rescheduling and cancelling close this long before a window starts.</summary>
    public int CutoffMinutes { get; private init; }

    /// <summary>Places per district and window until courier shifts say otherwise.</summary>
    public int DefaultCapacity { get; private init; }

    /// <summary>Smallest donation the city collects, in kg; 0 for none.</summary>
    public int MinimumKg { get; private init; }

    public TimeSpan Cutoff => TimeSpan.FromMinutes(CutoffMinutes);

    /// <summary>The windows of one local day, as UTC instants, using the city's time zone.</summary>
    public IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> WindowsOn(DateOnly day, TimeZoneInfo zone)
    {
        for (var i = 0; i < WindowsPerDay; i++)
        {
            var startHour = FirstWindowHour + (i * WindowHours);
            var localStart = day.ToDateTime(new TimeOnly(startHour, 0));
            var localEnd = localStart.AddHours(WindowHours);
            yield return (ToUtc(localStart, zone), ToUtc(localEnd, zone));
        }
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
}
