using RecyclePlatform.Domain.Cities;

namespace RecyclePlatform.Application.Common;

/// <summary>Each city's local time: times are stored in UTC and shown in the city's zone.</summary>
public static class CityClock
{
    public static TimeZoneInfo Zone(City city) => Zone(city.TimeZoneId);

    public static TimeZoneInfo Zone(string timeZoneId) => TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    public static DateOnly Today(City city, DateTimeOffset now) => Today(city.TimeZoneId, now);

    public static DateOnly Today(string timeZoneId, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(timeZoneId)).DateTime);

    /// <summary>A local date and time of the city, in UTC.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time), zone), TimeSpan.Zero);

    /// <summary>From the city's midnight to the next (23 or 25 hours on a daylight-saving change).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly day, TimeZoneInfo zone) =>
        (At(day, TimeOnly.MinValue, zone), At(day.AddDays(1), TimeOnly.MinValue, zone));

    public static DateTimeOffset Local(DateTimeOffset utc, string timeZoneId) => TimeZoneInfo.ConvertTime(utc, Zone(timeZoneId));
}
