using System.Globalization;
using System.Text;
using RecyclePlatform.Application.Impact;
using SkiaSharp;

namespace RecyclePlatform.Infrastructure.Images;

/// <summary>
/// Draws the shareable impact card with Skia: 1200 × 630, the site's greens, the name, a bar of what sorting
/// made of the clothes, four big figures and where they come from. SkiaSharp is built here without fontconfig,
/// so no system font can be found: the typefaces are the files shipped in <c>Images/Fonts</c> (DejaVu Sans, and
/// subsets of Noto Sans SC made by <c>scripts/fonts/build-fonts.mjs</c>), embedded in this assembly.
/// Every character is drawn with the first typeface of the style's chain that has a glyph for it; a character
/// none has is left out of a label, and a name with one is replaced by the neutral line: the card never shows a
/// missing-glyph box ("tofu"). Text is laid out without a shaper, so scripts that need one (right-to-left, Indic,
/// South-East Asian, combining marks) count as not drawable.
/// </summary>
public sealed class SkiaImpactCardRenderer : IImpactCardRenderer
{
    /// <summary>Text longer than this is cut before it is measured (a name is at most 80 characters; labels are short).</summary>
    private const int MaxText = 300;

    // The site's colours (wwwroot/css/site.css).
    private static readonly SKColor Green900 = SKColor.Parse("#0f3d28");
    private static readonly SKColor Green700 = SKColor.Parse("#1d6b47");
    private static readonly SKColor Green600 = SKColor.Parse("#23804f");
    private static readonly SKColor Green100 = SKColor.Parse("#e4f2ea");
    private static readonly SKColor Green50 = SKColor.Parse("#f3f9f5");
    private static readonly SKColor Ink = SKColor.Parse("#17241d");
    private static readonly SKColor InkMuted = SKColor.Parse("#4a5a51");
    private static readonly SKColor Line = SKColor.Parse("#cfdcd4");
    private static readonly SKColor[] StreamColours = [SKColor.Parse("#1d6b47"), SKColor.Parse("#1f4fd1"), SKColor.Parse("#5f4b00")];

    private static readonly Lazy<Faces> Loaded = new(Faces.Load);

    public bool CanDraw(string text)
    {
        var faces = Loaded.Value;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxText)
        {
            return false;
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Drawable(rune) || faces.BoldEnglish.FaceFor(rune) is null || faces.BoldChinese.FaceFor(rune) is null)
            {
                return false;
            }
        }
        return true;
    }

    public byte[] RenderPng(ImpactCardContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var faces = Loaded.Value;
        var (regular, bold) = content.Chinese ? (faces.RegularChinese, faces.BoldChinese) : (faces.RegularEnglish, faces.BoldEnglish);
        const int width = IImpactCardRenderer.Width, height = IImpactCardRenderer.Height, margin = 64;
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        // The band: the platform's mark and name, and what kind of card this is.
        using (var fill = new SKPaint { Color = Green900, IsAntialias = true })
        {
            canvas.DrawRect(0, 0, width, 104, fill);
        }
        DrawMark(canvas, margin, 24, 56);
        var kindWidth = Math.Min(420f, regular.Measure(content.Kind, 28));
        DrawText(canvas, content.Platform, margin + 76, 64, bold, 34, SKColors.White, width - 2 * margin - 76 - kindWidth - 24);
        DrawText(canvas, content.Kind, width - margin - kindWidth, 63, regular, 28, Green100, kindWidth, alignRight: true);

        // The name, or the neutral line when the fonts cannot draw all of it.
        var name = CanDraw(content.Name) ? content.Name : content.NeutralName;
        DrawText(canvas, name, margin, 184, bold, 60, Ink, width - 2 * margin, minSize: 36);

        // What sorting made of the clothes, as one bar, with its legend.
        var top = 214f;
        var bars = (content.Bars ?? []).Take(3).Select(b => (b.Label, Value: Math.Max(0, b.Value))).ToList();
        var sum = bars.Sum(b => (double)b.Value);
        if (sum > 0)
        {
            DrawBar(canvas, bars, sum, margin, top, width - 2 * margin, regular);
            top += 72;
        }
        else
        {
            using var rule = new SKPaint { Color = Line, IsAntialias = true };
            canvas.DrawRect(margin, top + 8, width - 2 * margin, 3, rule);
            top += 40;
        }

        // The figures: two rows of two, big numbers over their labels.
        var figures = (content.Figures ?? []).Take(4).ToList();
        var cell = (width - 2 * margin) / 2f;
        var rowHeight = (height - 104 - top - 12) / 2f;
        for (var i = 0; i < figures.Count; i++)
        {
            var x = margin + (i % 2) * cell;
            var y = top + (i / 2) * rowHeight;
            using (var accent = new SKPaint { Color = Green600, IsAntialias = true })
            {
                canvas.DrawRoundRect(new SKRect(x, y + 14, x + 6, y + 100), 3, 3, accent);
            }
            DrawText(canvas, figures[i].Value, x + 24, y + 58, bold, 52, Green700, cell - 48, minSize: 28);
            DrawText(canvas, figures[i].Label, x + 24, y + 94, regular, 26, InkMuted, cell - 48, minSize: 18);
        }

        // Where the figures come from.
        using (var footer = new SKPaint { Color = Green50, IsAntialias = true })
        {
            canvas.DrawRect(0, height - 104, width, 104, footer);
        }
        using (var rule = new SKPaint { Color = Line, IsAntialias = true })
        {
            canvas.DrawRect(0, height - 104, width, 2, rule);
        }
        DrawText(canvas, content.Factors, margin, height - 62, regular, 22, InkMuted, width - 2 * margin, minSize: 14);
        DrawText(canvas, content.Checkpoint, margin, height - 28, regular, 22, InkMuted, width - 2 * margin, minSize: 14);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The site's mark (favicon.svg): a green disc with a white bag and two lines.</summary>
    private static void DrawMark(SKCanvas canvas, float x, float y, float size)
    {
        canvas.Save();
        canvas.Translate(x, y);
        canvas.Scale(size / 32f);
        using var disc = new SKPaint { Color = Green700, IsAntialias = true };
        canvas.DrawCircle(16, 16, 16, disc);
        using var bag = SKPath.ParseSvgPathData("M10 13l6-5 6 5v10a1 1 0 0 1-1 1H11a1 1 0 0 1-1-1z");
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawPath(bag, white);
        using var lines = SKPath.ParseSvgPathData("M13 16h6M13 19h6");
        using var stroke = new SKPaint { Color = Green700, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.6f, StrokeCap = SKStrokeCap.Round };
        canvas.DrawPath(lines, stroke);
        canvas.Restore();
    }

    private static void DrawBar(SKCanvas canvas, List<(string Label, long Value)> bars, double sum, float x, float y, float width, Chain regular)
    {
        using var clip = new SKPath();
        clip.AddRoundRect(new SKRect(x, y, x + width, y + 24), 12, 12);
        canvas.Save();
        canvas.ClipPath(clip, antialias: true);
        var left = x;
        for (var i = 0; i < bars.Count; i++)
        {
            var part = (float)(bars[i].Value / sum * width);
            using var paint = new SKPaint { Color = StreamColours[i], IsAntialias = true };
            canvas.DrawRect(left, y, i == bars.Count - 1 ? x + width - left : part, 24, paint);
            left += part;
        }
        canvas.Restore();
        var legendX = x;
        for (var i = 0; i < bars.Count; i++)
        {
            if (bars[i].Value == 0)
            {
                continue;
            }
            using var swatch = new SKPaint { Color = StreamColours[i], IsAntialias = true };
            canvas.DrawRoundRect(new SKRect(legendX, y + 40, legendX + 18, y + 58), 4, 4, swatch);
            var room = x + width - legendX - 28;
            if (room < 40)
            {
                break;
            }
            var drawn = DrawText(canvas, bars[i].Label, legendX + 28, y + 57, regular, 22, Ink, room, minSize: 16);
            legendX += 28 + drawn + 32;
        }
    }

    /// <summary>Draws one line, shrunk down to <paramref name="minSize"/> to fit and then cut with an ellipsis; returns its width.</summary>
    private static float DrawText(SKCanvas canvas, string? text, float x, float baseline, Chain chain, float size, SKColor colour, float maxWidth,
        float? minSize = null, bool alignRight = false)
    {
        var runes = Printable(text, chain);
        if (runes.Count == 0 || maxWidth <= 0)
        {
            return 0;
        }
        var min = minSize ?? size;
        var width = chain.Measure(runes, size);
        while (width > maxWidth && size > min)
        {
            size = Math.Max(min, size - 2);
            width = chain.Measure(runes, size);
        }
        if (width > maxWidth)
        {
            var ellipsis = new Rune('…');
            var cut = chain.FaceFor(ellipsis) is null ? new Rune('.') : ellipsis;
            while (runes.Count > 0 && chain.Measure([.. runes, cut], size) > maxWidth)
            {
                runes.RemoveAt(runes.Count - 1);
            }
            runes.Add(cut);
            width = chain.Measure(runes, size);
        }
        var left = alignRight ? x + maxWidth - width : x;
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        foreach (var (face, run) in chain.Runs(runes))
        {
            using var font = Font(face, size);
            canvas.DrawText(run, left, baseline, font, paint);
            left += font.MeasureText(run);
        }
        return width;
    }

    /// <summary>The characters of <paramref name="text"/> that the chain can draw, control characters and unshaped scripts left out.</summary>
    private static List<Rune> Printable(string? text, Chain chain)
    {
        var runes = new List<Rune>();
        if (string.IsNullOrEmpty(text))
        {
            return runes;
        }
        foreach (var rune in (text.Length > MaxText ? text[..MaxText] : text).EnumerateRunes())
        {
            if (Drawable(rune) && chain.FaceFor(rune) is not null)
            {
                runes.Add(rune);
            }
        }
        return runes;
    }

    /// <summary>Whether a character can be drawn glyph by glyph, without a shaper: no controls, marks or scripts that join or reorder.</summary>
    private static bool Drawable(Rune rune)
    {
        var value = rune.Value;
        if (value == 0xFFFD || value is (>= 0x0590 and <= 0x109F) or (>= 0x1780 and <= 0x18AF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF))
        {
            return false; // the replacement character; Hebrew to Myanmar, Khmer, Mongolian, presentation forms
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }

    private static SKFont Font(SKTypeface face, float size) =>
        new(face, size) { Edging = SKFontEdging.Antialias, Subpixel = true, Hinting = SKFontHinting.Slight };

    /// <summary>Typefaces in the order a style tries them for each character.</summary>
    private sealed class Chain(params SKTypeface[] faces)
    {
        public SKTypeface? FaceFor(Rune rune) => faces.FirstOrDefault(f => f.ContainsGlyph(rune.Value));

        public float Measure(string? text, float size) => Measure(Printable(text, this), size);

        public float Measure(IReadOnlyList<Rune> runes, float size)
        {
            var width = 0f;
            foreach (var (face, run) in Runs(runes))
            {
                using var font = Font(face, size);
                width += font.MeasureText(run);
            }
            return width;
        }

        /// <summary>Consecutive characters drawn with the same typeface, as one string each.</summary>
        public IEnumerable<(SKTypeface Face, string Run)> Runs(IReadOnlyList<Rune> runes)
        {
            var run = new StringBuilder();
            SKTypeface? current = null;
            foreach (var rune in runes)
            {
                var face = FaceFor(rune)!;
                if (current is not null && face != current)
                {
                    yield return (current, run.ToString());
                    run.Clear();
                }
                current = face;
                run.Append(rune.ToString());
            }
            if (current is not null && run.Length > 0)
            {
                yield return (current, run.ToString());
            }
        }
    }

    /// <summary>The shipped typefaces, loaded once for the process (a typeface is immutable and shared by every render).</summary>
    private sealed record Faces(Chain RegularEnglish, Chain BoldEnglish, Chain RegularChinese, Chain BoldChinese)
    {
        public static Faces Load()
        {
            var dejaVu = Face("DejaVuSans.ttf");
            var dejaVuBold = Face("DejaVuSans-Bold.ttf");
            var noto = Face("NotoSansSC-Regular-subset.otf");
            var notoBold = Face("NotoSansSC-Bold-subset.otf");
            // The regular Chinese subset holds only the resources' characters: anything else falls back to the bold one.
            return new Faces(new Chain(dejaVu, noto, notoBold), new Chain(dejaVuBold, notoBold),
                new Chain(noto, dejaVu, notoBold), new Chain(notoBold, dejaVuBold));
        }

        private static SKTypeface Face(string file)
        {
            var name = $"{typeof(SkiaImpactCardRenderer).Namespace}.Fonts.{file}";
            using var stream = typeof(SkiaImpactCardRenderer).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The font {name} is not embedded in {typeof(SkiaImpactCardRenderer).Assembly.GetName().Name}.");
            using var data = SKData.Create(stream);
            return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Skia could not load the font {name}.");
        }
    }
}
