using RecyclePlatform.Domain.Cities;

namespace RecyclePlatform.Application.Common;

/// <summary>Each city's local time: times are stored in UTC and shown in the city's zone.</summary>
public static class CityClock
{
    public static TimeZoneInfo Zone(City city) => Zone(city.TimeZoneId);

    public static TimeZoneInfo Zone(string timeZoneId) => TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    public static DateOnly Today(City city, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(city)).DateTime);

    public static DateTimeOffset Local(DateTimeOffset utc, string timeZoneId) => TimeZoneInfo.ConvertTime(utc, Zone(timeZoneId));
}
