using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Common;

/// <summary>Each city's local time: times are stored in UTC and shown in the city's zone.</summary>
public static class CityClock
{
    public static TimeZoneInfo Zone(City city) => Zone(city.TimeZoneId);

    public static TimeZoneInfo Zone(string timeZoneId) => TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    public static DateOnly Today(City city, DateTimeOffset now) => Today(city.TimeZoneId, now);

    public static DateOnly Today(string timeZoneId, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(timeZoneId)).DateTime);

    /// <summary>The days the platform can plan and report on; a date outside them (9999-12-31) is refused, not overflowed.</summary>
    public static readonly DateOnly FirstDay = new(2000, 1, 1);

    public static readonly DateOnly LastDay = new(2099, 12, 31);

    /// <summary>A local date and time of the city, in UTC.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(RequireInRange(day).ToDateTime(time), zone), TimeSpan.Zero);

    public static DateOnly RequireInRange(DateOnly day) =>
        day >= FirstDay && day <= LastDay.AddDays(1) ? day : throw new Domain.Common.DomainRuleException(Rules.Date.OutOfRange);

    /// <summary>From the city's midnight to the next (23 or 25 hours on a daylight-saving change).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly day, TimeZoneInfo zone) =>
        (At(day, TimeOnly.MinValue, zone), At(day.AddDays(1), TimeOnly.MinValue, zone));

    public static DateTimeOffset Local(DateTimeOffset utc, string timeZoneId) => TimeZoneInfo.ConvertTime(utc, Zone(timeZoneId));
}
