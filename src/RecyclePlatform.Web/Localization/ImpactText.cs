using System.Globalization;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Impact;
using RecyclePlatform.Web.Pages.Shared;

namespace RecyclePlatform.Web;

/// <summary>
/// Impact figures as the pages write them, in the page's culture: kilograms with one decimal, CO2e in kg or
/// tonnes, water in litres or cubic metres. The units come from the resources (Chinese writes 公斤, not kg).
/// </summary>
public static class ImpactText
{
    public static string Kg(this IStringLocalizer l, long grams) =>
        l["Impact.Kg", (grams / 1000m).ToString("N1", CultureInfo.CurrentCulture)];

    public static string Count(long count) => count.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>People reached are shares of distributions (to 1/10,000): shown whole, as people are counted.</summary>
    public static string People(decimal people) => Math.Round(people, 0, MidpointRounding.ToEven).ToString("N0", CultureInfo.CurrentCulture);

    public static string Co2e(this IStringLocalizer l, long grams) => grams >= 1_000_000
        ? l["Impact.Co2eTonnes", (grams / 1_000_000m).ToString("N1", CultureInfo.CurrentCulture)]
        : l["Impact.Co2eKg", (grams / 1000m).ToString("N1", CultureInfo.CurrentCulture)];

    public static string Water(this IStringLocalizer l, long litres) => litres >= 10_000
        ? l["Impact.WaterCubicMetres", (litres / 1000m).ToString("N1", CultureInfo.CurrentCulture)]
        : l["Impact.WaterLitres", litres.ToString("N0", CultureInfo.CurrentCulture)];

    /// <summary>The name in the page's language.</summary>
    public static string Local(this LocalizedName name) => DisplayFormats.Chinese ? name.Chinese : name.English;

    /// <summary>Share of the goal reached, 0 to 100 (a progress bar's value; the text says the real figure).</summary>
    public static int Percent(long doorGrams, long goalKg) =>
        goalKg <= 0 ? 0 : (int)Math.Min(100, Math.Floor(doorGrams / 10m / goalKg));

    /// <summary>The three streams of sorted grams as the parts of a split chart.</summary>
    public static IReadOnlyList<ChartPoint> Streams(this IStringLocalizer l, long reuse, long recycle, long waste) =>
    [
        new(l["Stream.Reuse"], reuse, l.Kg(reuse)),
        new(l["Stream.Recycle"], recycle, l.Kg(recycle)),
        new(l["Stream.Waste"], waste, l.Kg(waste)),
    ];

    /// <summary>Cumulative kilograms at the door by day, from the grams collected each day.</summary>
    public static IReadOnlyList<ChartPoint> Cumulative(this IStringLocalizer l, IReadOnlyList<(DateOnly Day, long Grams)> days)
    {
        var total = 0L;
        var points = new List<ChartPoint>();
        foreach (var (day, grams) in days)
        {
            total += grams;
            points.Add(new ChartPoint(ShortDay(day), total / 1000.0, l.Kg(total)));
        }
        return points;
    }

    /// <summary>Lines of a breakdown (cities, districts, teams) as bars of kilograms at the door.</summary>
    public static IReadOnlyList<ChartPoint> DoorKg(this IStringLocalizer l, IEnumerable<ImpactLine> lines) =>
        [.. lines.Select(c => new ChartPoint(c.Name.Local(), c.Figures.DoorGrams / 1000.0, l.Kg(c.Figures.DoorGrams)))];

    public static string ShortDay(DateOnly day) =>
        DisplayFormats.Chinese ? day.ToString("M月d日", CultureInfo.CurrentCulture) : day.ToString("d MMM", CultureInfo.CurrentCulture);

    /// <summary>The period of a campaign: "1 Nov 2026 – 30 Nov 2026".</summary>
    public static string Period(DateOnly from, DateOnly to) => DisplayFormats.Chinese
        ? $"{from.ToString("yyyy年M月d日", CultureInfo.CurrentCulture)}至{to.ToString("yyyy年M月d日", CultureInfo.CurrentCulture)}"
        : $"{from.ToString("d MMM yyyy", CultureInfo.CurrentCulture)} – {to.ToString("d MMM yyyy", CultureInfo.CurrentCulture)}";

    public static string RootHash(ImpactCheckpoint checkpoint) => Convert.ToBase64String(checkpoint.RootHash);

    public static string FactorVersion(this IStringLocalizer l, FactorTable? factors) =>
        factors is null ? l["Impact.NoFactors"] : l["Impact.FactorVersion", factors.Version];
}
