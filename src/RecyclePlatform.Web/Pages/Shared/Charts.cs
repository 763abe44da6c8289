using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace RecyclePlatform.Web.Pages.Shared;

/// <summary>One value of a chart: its label, the number it is drawn from, and the number as the page writes it ("6.5 kg").</summary>
public sealed record ChartPoint(string Label, double Value, string Text);

/// <summary>
/// Charts drawn on the server as inline SVG: no script, no CDN, nothing the Content-Security-Policy refuses
/// (colours come from classes in site.css, never a style attribute). Each chart is an image with a name
/// (<c>role="img"</c>, <c>aria-label</c>, <c>&lt;title&gt;</c>) and the same numbers follow it as a table in a
/// <c>&lt;details&gt;</c>, for screen readers and for anyone who wants the figures. Every value is written
/// next to what it measures, so no chart relies on colour alone.
/// </summary>
public static class Charts
{
    private const int Width = 320;
    private static readonly HtmlEncoder Encode = HtmlEncoder.Default;
    private static long _patterns;

    /// <summary>A filled line of a running total (kg collected by each day), with the first and last day and the total written on it.</summary>
    public static IHtmlContent Area(string title, string tableCaption, string labelHeader, string valueHeader, IReadOnlyList<ChartPoint> points)
    {
        const int height = 150, left = 4, right = Width - 4, top = 22, bottom = 122;
        var svg = new StringBuilder();
        var max = points.Count == 0 ? 0 : points.Max(p => p.Value);
        if (points.Count > 0 && max > 0)
        {
            double X(int i) => points.Count == 1 ? (left + right) / 2.0 : left + (right - left) * i / (double)(points.Count - 1);
            double Y(double v) => bottom - (bottom - top) * v / max;
            var line = string.Join(" ", points.Select((p, i) => $"{N(X(i))},{N(Y(p.Value))}"));
            var area = $"{N(X(0))},{bottom} {line} {N(X(points.Count - 1))},{bottom}";
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-axis\" x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\"/>");
            if (points.Count == 1)
            {
                // One day is no line: a single column up to the total.
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"{N(X(0) - 12)}\" y=\"{top}\" width=\"24\" height=\"{bottom - top}\"/>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<polygon class=\"chart-area\" points=\"{area}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"chart-line\" points=\"{line}\"/>");
            foreach (var (i, _) in points.Select((p, i) => (i, p)))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"chart-dot\" cx=\"{N(X(i))}\" cy=\"{N(Y(points[i].Value))}\" r=\"2.5\"/>");
            }
            var last = points[^1];
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{right}\" y=\"14\" text-anchor=\"end\">{Encode.Encode(last.Text)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label chart-muted\" x=\"{left}\" y=\"{height - 10}\">{Encode.Encode(points[0].Label)}</text>");
            if (points.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label chart-muted\" x=\"{right}\" y=\"{height - 10}\" text-anchor=\"end\">{Encode.Encode(last.Label)}</text>");
            }
        }
        return Figure("chart-area-chart", title, height, svg.ToString(), Table(title, tableCaption, labelHeader, valueHeader, points));
    }

    /// <summary>Horizontal bars, biggest first as given, each with its label above and its value at its end (fits a 360 px phone).</summary>
    public static IHtmlContent Bars(string title, string tableCaption, string labelHeader, string valueHeader, IReadOnlyList<ChartPoint> points)
    {
        const int row = 38, barHeight = 14, valueRoom = 92;
        var height = Math.Max(row, points.Count * row) + 4;
        var max = points.Count == 0 ? 0 : points.Max(p => p.Value);
        var svg = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var y = i * row;
            var length = max <= 0 ? 0 : (Width - valueRoom) * points[i].Value / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"0\" y=\"{y + 13}\">{Encode.Encode(points[i].Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"0\" y=\"{y + 18}\" width=\"{N(Math.Max(length, 1.5))}\" height=\"{barHeight}\" rx=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{N(Math.Max(length, 1.5) + 6)}\" y=\"{y + 30}\">{Encode.Encode(points[i].Text)}</text>");
        }
        return Figure("chart-bars", title, height, svg.ToString(), Table(title, tableCaption, labelHeader, valueHeader, points));
    }

    /// <summary>
    /// One bar split into its parts (reused, recycled, waste), each part's share written in a legend with its name, so
    /// the split reads without telling colours apart; the parts also differ in pattern (solid, striped, dotted).
    /// </summary>
    public static IHtmlContent Split(string title, string tableCaption, string labelHeader, string valueHeader, IReadOnlyList<ChartPoint> parts,
        string shareHeader)
    {
        const int height = 36;
        var total = parts.Sum(p => p.Value);
        var svg = new StringBuilder();
        // Ids unique on the page: a page may show more than one split.
        var id = Interlocked.Increment(ref _patterns).ToString(CultureInfo.InvariantCulture);
        svg.Append($"<defs><pattern id=\"chart-stripes-{id}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect class=\"chart-part-1\" width=\"6\" height=\"6\"/><line class=\"chart-stripe\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/></pattern>"
            + $"<pattern id=\"chart-dots-{id}\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
            + "<rect class=\"chart-part-2\" width=\"5\" height=\"5\"/><circle class=\"chart-stripe-dot\" cx=\"2.5\" cy=\"2.5\" r=\"1\"/></pattern></defs>");
        var x = 0.0;
        var legend = new StringBuilder("<ul class=\"chart-legend\">");
        for (var i = 0; i < parts.Count; i++)
        {
            var share = total <= 0 ? 0 : parts[i].Value / total;
            var width = Width * share;
            if (width > 0)
            {
                var fill = i switch { 1 => $" fill=\"url(#chart-stripes-{id})\"", 2 => $" fill=\"url(#chart-dots-{id})\"", _ => "" };
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{(i == 0 ? "chart-part-0" : "chart-seg")}\"{fill} x=\"{N(x)}\" y=\"4\" width=\"{N(width)}\" height=\"28\"/>");
                if (width >= 44)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-on-part\" x=\"{N(x + width / 2)}\" y=\"23\" text-anchor=\"middle\">{Percent(share)}</text>");
                }
            }
            x += width;
            // Chinese punctuation is full width.
            var (colon, open, close) = DisplayFormats.Chinese ? ("：", "（", "）") : (": ", " (", ")");
            legend.Append(CultureInfo.InvariantCulture, $"<li><span class=\"chart-swatch chart-swatch-{i}\" aria-hidden=\"true\"></span>{Encode.Encode(parts[i].Label)}{colon}"
                + $"<strong>{Encode.Encode(parts[i].Text)}</strong>{open}{Percent(share)}{close}</li>");
        }
        if (total <= 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-empty\" x=\"0\" y=\"4\" width=\"{Width}\" height=\"28\"/>");
        }
        legend.Append("</ul>");
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"<table class=\"chart-table\"><caption>{Encode.Encode(title)}</caption><thead><tr><th scope=\"col\">{Encode.Encode(labelHeader)}</th>"
            + $"<th scope=\"col\">{Encode.Encode(valueHeader)}</th><th scope=\"col\">{Encode.Encode(shareHeader)}</th></tr></thead><tbody>");
        foreach (var part in parts)
        {
            table.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Encode.Encode(part.Label)}</th><td>{Encode.Encode(part.Text)}</td><td>{Percent(total <= 0 ? 0 : part.Value / total)}</td></tr>");
        }
        table.Append("</tbody></table>");
        return Figure("chart-split", title, height, svg + "", legend.ToString() + Details(tableCaption, table.ToString()));
    }

    private static HtmlString Figure(string kind, string title, int height, string body, string after)
    {
        var t = Encode.Encode(title);
        return new HtmlString($"<figure class=\"chart {kind}\"><figcaption>{t}</figcaption>"
            + $"<svg role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" focusable=\"false\">"
            + $"<title>{t}</title>{body}</svg>{after}</figure>");
    }

    /// <summary>The chart's numbers as a table captioned with the chart's title, folded under <paramref name="summary"/>.</summary>
    private static string Table(string title, string summary, string labelHeader, string valueHeader, IReadOnlyList<ChartPoint> points)
    {
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"<table class=\"chart-table\"><caption>{Encode.Encode(title)}</caption><thead><tr><th scope=\"col\">{Encode.Encode(labelHeader)}</th>"
            + $"<th scope=\"col\">{Encode.Encode(valueHeader)}</th></tr></thead><tbody>");
        foreach (var point in points)
        {
            table.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Encode.Encode(point.Label)}</th><td>{Encode.Encode(point.Text)}</td></tr>");
        }
        table.Append("</tbody></table>");
        return Details(summary, table.ToString());
    }

    private static string Details(string summary, string table) =>
        $"<details class=\"chart-data\"><summary>{Encode.Encode(summary)}</summary>{table}</details>";

    private static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
