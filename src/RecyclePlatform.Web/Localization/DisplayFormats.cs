using System.Globalization;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Web;

/// <summary>Dates and windows as people read them, in the city's own time zone and the page's language.</summary>
public static class DisplayFormats
{
    /// <summary>Whether the page speaks Chinese (one form per word, its own dates and list separators).</summary>
    internal static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public static string Day(DateOnly day) =>
        Chinese ? day.ToString("M月d日 dddd", CultureInfo.CurrentCulture) : day.ToString("dddd d MMMM", CultureInfo.CurrentCulture);

    /// <summary>"Today", "Tomorrow", "Yesterday" near today in the city; otherwise the day in full.</summary>
    public static string DayNear(DateOnly day, DateOnly today) => (day.DayNumber - today.DayNumber) switch
    {
        0 => Chinese ? "今天" : "Today",
        1 => Chinese ? "明天" : "Tomorrow",
        -1 => Chinese ? "昨天" : "Yesterday",
        _ => Day(day),
    };

    /// <summary>A window as <see cref="Window(DateTimeOffset, DateTimeOffset, string)"/>, its day said as Today or Tomorrow when it is.</summary>
    public static string WindowNear(DateTimeOffset start, DateTimeOffset end, string timeZone, DateTimeOffset now) =>
        Window(start, end, timeZone, day => DayNear(day, CityClock.Today(timeZone, now)));

    public static string Window(DateTimeOffset start, DateTimeOffset end, string timeZone) => Window(start, end, timeZone, Day);

    private static string Window(DateTimeOffset start, DateTimeOffset end, string timeZone, Func<DateOnly, string> day)
    {
        var localStart = CityClock.Local(start, timeZone);
        // Chinese separates the day from the hours with a space, not an ASCII comma.
        var separator = Chinese ? " " : ", ";
        return $"{day(DateOnly.FromDateTime(localStart.DateTime))}{separator}{localStart:HH:mm}–{CityClock.Local(end, timeZone):HH:mm}";
    }

    /// <summary>Just the hours of a window, "09:00–12:00", in the city's time.</summary>
    public static string Hours(DateTimeOffset start, DateTimeOffset end, string timeZone) =>
        $"{CityClock.Local(start, timeZone):HH:mm}–{CityClock.Local(end, timeZone):HH:mm}";

    /// <summary>A time of day in the city, "09:12".</summary>
    /// <summary>Two local times of a day, as a range ("07:00–08:30").</summary>
    public static string TimeRange(TimeOnly start, TimeOnly end) =>
        $"{start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{end.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    public static string Clock(DateTimeOffset at, string timeZone) => $"{CityClock.Local(at, timeZone):HH:mm}";

    public static string Moment(DateTimeOffset at, string timeZone)
    {
        var local = CityClock.Local(at, timeZone);
        return $"{Day(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}";
    }

    /// <summary>Ledger times belong to no city: shown in UTC, as the entries hold them.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
