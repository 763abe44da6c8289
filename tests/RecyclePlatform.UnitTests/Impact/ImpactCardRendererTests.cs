using RecyclePlatform.Application.Impact;
using RecyclePlatform.Infrastructure.Images;
using SkiaSharp;

namespace RecyclePlatform.UnitTests.Impact;

/// <summary>
/// The impact card is drawn for real with the shipped typefaces (no system font is reachable: SkiaSharp runs without
/// fontconfig here): it is always a 1200 × 630 PNG, a name the fonts cannot draw becomes the neutral line rather than
/// boxes, and no input makes it throw. Samples go to .test-output/cards for a person to look at.
/// </summary>
public sealed class ImpactCardRendererTests
{
    private static readonly SkiaImpactCardRenderer Renderer = new();
    private const string Neutral = "A RecyclePlatform donor";

    private static ImpactCardContent English(string name) => new(false, name, Neutral, "Company team",
        [new("Collected at the door", "13.0 kg"), new("CO2e avoided", "230.3 kg CO2e"), new("Water saved", "18,350 litres"), new("People reached", "12")],
        [("Reused 9.0 kg", 9000), ("Recycled 3.5 kg", 3500), ("Waste 0.5 kg", 500)],
        "CO2e and water with factor table v2", "Recomputable from the public ledger at checkpoint 1,234", "RecyclePlatform");

    private static ImpactCardContent Chinese(string name) => new(true, name, "一位衣物回收平台捐赠者", "公司团队",
        [new("上门收取", "13.0 公斤"), new("减少的二氧化碳当量", "230.3 公斤二氧化碳当量"), new("节约用水", "18,350 升"), new("受助人数", "12")],
        [("再利用 9.0 公斤", 9000), ("再生 3.5 公斤", 3500)],
        "二氧化碳当量和用水按系数表第 2 版计算", "可根据公开账本在检查点 1,234 重新计算", "衣物回收平台");

    private static (int Width, int Height) Decode(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        bitmap.ShouldNotBeNull("the card is a PNG Skia can decode");
        return (bitmap.Width, bitmap.Height);
    }

    private static void Keep(string name, byte[] png)
    {
        var folder = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, ".test-output", "cards")).FullName;
        File.WriteAllBytes(Path.Combine(folder, name + ".png"), png);
    }

    [Fact]
    public void ACard_IsA1200x630Png_InEnglishAndChinese()
    {
        var english = Renderer.RenderPng(English("Chaoyang Office Givers"));
        var chinese = Renderer.RenderPng(Chinese("朝阳办公室捐赠团队"));
        Decode(english).ShouldBe((1200, 630));
        Decode(chinese).ShouldBe((1200, 630));
        Keep("team-en", english);
        Keep("team-zh", chinese);
        Keep("long-name-en", Renderer.RenderPng(English(new string('W', 80))));
        Keep("emoji-name-en", Renderer.RenderPng(English("Floor 7 of Northwind 🌱")));
        Keep("mixed-zh", Renderer.RenderPng(Chinese("Northwind 北风 Ünïcödé Ωμέγα Привет")));
    }

    [Theory]
    [InlineData("Chaoyang Office Givers")]
    [InlineData("朝阳办公室捐赠团队")]
    [InlineData("Northwind 北风 Ünïcödé Ωμέγα Привет")]
    [InlineData("Green Bean")]
    public void NamesInTheFonts_AreDrawable(string name) => Renderer.CanDraw(name).ShouldBeTrue();

    [Theory]
    [InlineData("Floor 7 of Northwind 🌱")] // no emoji font is shipped
    [InlineData("𠜎𠜱 Team")] // CJK Extension B, outside the subset
    [InlineData("鿿")] // a hanzi outside GB 2312
    [InlineData("فريق")] // Arabic needs a shaper
    [InlineData("e\u0301")] // a combining mark
    [InlineData("a\u0000b")]
    [InlineData("\uE000 private")]
    [InlineData("")]
    [InlineData("   ")]
    public void NamesTheFontsCannotDraw_AreNotDrawable(string name) => Renderer.CanDraw(name).ShouldBeFalse();

    [Fact]
    public void ANameWithACharacterTheFontsLack_IsDrawnAsTheNeutralLine()
    {
        // The card with the undrawable name is pixel for pixel the card with the neutral line: nothing of the name, no box.
        var lacking = Renderer.RenderPng(English("Team 𠜎 🌱"));
        var neutral = Renderer.RenderPng(English(Neutral));
        Keep("neutral-en", lacking);
        Pixels(lacking).ShouldBe(Pixels(neutral));
        var lackingZh = Renderer.RenderPng(Chinese("团队𠜎"));
        Pixels(lackingZh).ShouldBe(Pixels(Renderer.RenderPng(Chinese("一位衣物回收平台捐赠者"))));
        Keep("neutral-zh", lackingZh);
    }

    [Fact]
    public void OddInput_NeverThrows_AndIsStillACard()
    {
        var huge = new string('x', 10 * 1024 * 1024);
        string[] odd = ["", huge, "😀😀😀", "a\u0000b", "\uD800", "\u202Eevil", "\r\n\t", new string('界', 5000), "e\u0301\u0301\u0301"];
        foreach (var text in odd)
        {
            var content = new ImpactCardContent(text.Length % 2 == 0, text, text, text, [new(text, text), new(text, text), new(text, text), new(text, text), new(text, text)],
                [(text, long.MaxValue), (text, long.MaxValue), (text, -5)], text, text, text);
            Decode(Renderer.RenderPng(content)).ShouldBe((1200, 630));
        }
        Decode(Renderer.RenderPng(new ImpactCardContent(false, "", "", "", [], [], "", "", ""))).ShouldBe((1200, 630));
        Decode(Renderer.RenderPng(new ImpactCardContent(false, null!, null!, null!, null!, null!, null!, null!, null!))).ShouldBe((1200, 630));
    }

    /// <summary>The card's own words, in both languages, are all in the shipped fonts (the Chinese subset keeps the resources' characters).</summary>
    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.zh-CN.resx")]
    public void TheCardsWording_IsDrawable(string file)
    {
        var resx = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot.Path, "src", "RecyclePlatform.Web", "Resources", file));
        var values = resx.Root!.Elements("data")
            .Where(d => d.Attribute("name")!.Value is var k && (k.StartsWith("Card.", StringComparison.Ordinal) || k.StartsWith("Impact.", StringComparison.Ordinal)
                || k.StartsWith("TeamKind.", StringComparison.Ordinal) || k == "Site.Name"))
            .Select(d => System.Text.RegularExpressions.Regex.Replace(d.Element("value")!.Value, @"\{\d+\}", "1").Replace("\n", " ", StringComparison.Ordinal)).ToList();
        values.Count.ShouldBeGreaterThan(20);
        values.Where(v => !Renderer.CanDraw(v)).ShouldBeEmpty();
    }

    private static byte[] Pixels(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        return bitmap.Bytes;
    }
}
