using System.Globalization;
using System.Text;

namespace RecyclePlatform.Web;

/// <summary>One event as an iCalendar file (RFC 5545), for "add to calendar": times in UTC, text escaped, lines folded.</summary>
public static class CalendarFile
{
    public static string For(string uid, DateTimeOffset stamp, DateTimeOffset start, DateTimeOffset end, string summary, string description)
    {
        var lines = new[]
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//RecyclePlatform//Pickups//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "BEGIN:VEVENT", $"UID:{Escape(uid)}", $"DTSTAMP:{Utc(stamp)}", $"DTSTART:{Utc(start)}", $"DTEND:{Utc(end)}",
            $"SUMMARY:{Escape(summary)}", $"DESCRIPTION:{Escape(description)}",
            "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT1H", $"DESCRIPTION:{Escape(summary)}", "END:VALARM",
            "END:VEVENT", "END:VCALENDAR",
        };
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }
        return text.ToString();
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines of at most 75 octets, continued with a space (RFC 5545 §3.1), never splitting a UTF-8 character.</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                text.Append("\r\n ");
                octets = 1;
            }
            text.Append(rune.ToString());
            octets += size;
        }
        text.Append("\r\n");
    }
}
