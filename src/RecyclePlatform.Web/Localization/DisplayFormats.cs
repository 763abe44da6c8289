using System.Globalization;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Web;

/// <summary>Dates and windows as people read them, in the city's own time zone and the page's language.</summary>
public static class DisplayFormats
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public static string Day(DateOnly day) =>
        Chinese ? day.ToString("M月d日 dddd", CultureInfo.CurrentCulture) : day.ToString("dddd d MMMM", CultureInfo.CurrentCulture);

    public static string Window(DateTimeOffset start, DateTimeOffset end, string timeZone)
    {
        var localStart = CityClock.Local(start, timeZone);
        var localEnd = CityClock.Local(end, timeZone);
        // Chinese separates the day from the hours with a space, not an ASCII comma.
        var separator = Chinese ? " " : ", ";
        return $"{Day(DateOnly.FromDateTime(localStart.DateTime))}{separator}{localStart:HH:mm}–{localEnd:HH:mm}";
    }

    /// <summary>Just the hours of a window, "09:00–12:00", in the city's time.</summary>
    public static string Hours(DateTimeOffset start, DateTimeOffset end, string timeZone) =>
        $"{CityClock.Local(start, timeZone):HH:mm}–{CityClock.Local(end, timeZone):HH:mm}";

    /// <summary>A time of day in the city, "09:12".</summary>
    public static string Clock(DateTimeOffset at, string timeZone) => $"{CityClock.Local(at, timeZone):HH:mm}";

    public static string Moment(DateTimeOffset at, string timeZone)
    {
        var local = CityClock.Local(at, timeZone);
        return $"{Day(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}";
    }

    /// <summary>Ledger times belong to no city: shown in UTC, as the entries hold them.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
