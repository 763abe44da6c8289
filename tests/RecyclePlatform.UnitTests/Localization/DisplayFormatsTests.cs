using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RecyclePlatform.Web;

namespace RecyclePlatform.UnitTests.Localization;

/// <summary>Dates, counted phrases and calendar files as people read them, in both languages.</summary>
public sealed class DisplayFormatsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero); // 09:00 in Beijing
    private const string Beijing = "Asia/Shanghai";

    private static T In<T>(string culture, Func<T> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [Fact]
    public void AWindow_InChinese_HasNoAsciiComma_AndInEnglishHasOne()
    {
        In("zh-CN", () => DisplayFormats.Window(Start, Start.AddHours(3), Beijing)).ShouldBe("12月1日 星期二 09:00–12:00");
        In("en", () => DisplayFormats.Window(Start, Start.AddHours(3), Beijing)).ShouldBe("Tuesday 1 December, 09:00–12:00");
    }

    [Theory]
    [InlineData("en", 0, "Today, 09:00–12:00")]
    [InlineData("en", 1, "Tomorrow, 09:00–12:00")]
    [InlineData("zh-CN", 1, "明天 09:00–12:00")]
    [InlineData("en", 3, "Tuesday 1 December, 09:00–12:00")]
    public void AWindowNearToday_SaysTodayOrTomorrow_InTheCitysDay(string culture, int daysBefore, string expected)
    {
        // 23:30 UTC is already the next morning in Beijing: the city's day counts, not the UTC one.
        var now = Start.AddDays(-daysBefore).AddHours(-1.5);

        In(culture, () => DisplayFormats.WindowNear(Start, Start.AddHours(3), Beijing, now)).ShouldBe(expected);
    }

    [Fact]
    public void CountedPhrases_TakeTheSingularInEnglishOnly()
    {
        var localizer = Localizer();

        In("en", () => localizer.Plural("MyPickups.Bags", 1).Value).ShouldBe("1 bag");
        In("en", () => localizer.Plural("MyPickups.Bags", 2).Value).ShouldBe("2 bags");
        In("zh-CN", () => localizer.Plural("MyPickups.Bags", 1).Value).ShouldBe("1 袋");
        In("en", () => localizer.Plural("Details.CollectedWhat", 1, "6.5").Value).ShouldBe("1 bag, 6.5 kg");
    }

    [Fact]
    public void ACalendarFile_IsValidICalendar_WithEscapedTextAndFoldedLines()
    {
        var ics = CalendarFile.For("ABCD-EFGH-J@recycleplatform", Start, Start, Start.AddHours(3),
            "Clothes pickup ABCD-EFGH-J", "Please, have the bags ready; 谢谢你的捐赠，我们会准时上门收取你准备好的全部袋子和衣物，请提前贴好标签并放在门口");

        var lines = ics.Split("\r\n");
        ics.ShouldEndWith("END:VCALENDAR\r\n");
        lines.ShouldContain("DTSTART:20261201T010000Z");
        lines.ShouldContain("DTEND:20261201T040000Z");
        ics.ShouldContain("Please\\, have the bags ready\\; ");
        // Every line at most 75 octets; a continuation starts with a space and never splits a character.
        lines.ShouldAllBe(l => System.Text.Encoding.UTF8.GetByteCount(l) <= 75);
        string.Concat(lines.Select(l => l.StartsWith(' ') ? l[1..] : "\n" + l)).ShouldContain("谢谢你的捐赠，我们会准时上门收取你准备好的全部袋子和衣物，请提前贴好标签并放在门口");
    }

    private static IStringLocalizer Localizer()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        return factory.Create(typeof(SharedResource));
    }
}
