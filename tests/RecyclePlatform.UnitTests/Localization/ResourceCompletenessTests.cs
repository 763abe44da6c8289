using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RecyclePlatform.UnitTests.Localization;

/// <summary>
/// Every user-facing string goes through the localiser, and every key it asks for exists in
/// English and in Simplified Chinese. A missing zh-CN string fails here, not in front of a user.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly string Web = Path.Combine(RepositoryRoot.Path, "src", "RecyclePlatform.Web");

    private static Dictionary<string, string> Load(string culture)
    {
        var file = Path.Combine(Web, "Resources", culture.Length == 0 ? "SharedResource.resx" : $"SharedResource.{culture}.resx");
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");
    }

    [Fact]
    public void EnglishAndChinese_HaveTheSameKeys()
    {
        var english = Load("");
        var chinese = Load("zh-CN");

        english.Keys.Except(chinese.Keys).ShouldBeEmpty("keys missing from SharedResource.zh-CN.resx");
        chinese.Keys.Except(english.Keys).ShouldBeEmpty("keys missing from SharedResource.resx");
    }

    [Fact]
    public void NoValueIsEmpty_AndChineseIsTranslated()
    {
        var english = Load("");
        var chinese = Load("zh-CN");

        english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ShouldBeEmpty();
        chinese.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ShouldBeEmpty();
        // A Chinese value identical to a long English one was almost certainly copied, not translated.
        chinese.Where(c => c.Value.Length > 12 && c.Value == english[c.Key]).Select(c => c.Key).ShouldBeEmpty();
    }

    [Fact]
    public void FormatPlaceholders_MatchBetweenLanguages()
    {
        var english = Load("");
        var chinese = Load("zh-CN");

        var mismatched = english.Keys
            .Where(chinese.ContainsKey)
            .Where(k => !Placeholders(english[k]).SetEquals(Placeholders(chinese[k])))
            .ToList();

        mismatched.ShouldBeEmpty();
    }

    [Fact]
    public void EveryKeyUsedInCode_Exists()
    {
        var english = Load("");
        var chinese = Load("zh-CN");
        var used = Directory.EnumerateFiles(Web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => UsedKeys(File.ReadAllText(f)).Select(k => (File: Path.GetFileName(f), Key: k)))
            .ToList();

        used.Count.ShouldBeGreaterThan(50);
        used.Where(u => !english.ContainsKey(u.Key) || !chinese.ContainsKey(u.Key))
            .Select(u => $"{u.File}: {u.Key}")
            .Distinct()
            .ShouldBeEmpty();
    }

    [Fact]
    public void EveryRole_HasAName()
    {
        var english = Load("");
        foreach (var role in RecyclePlatform.Application.Accounts.Roles.All)
        {
            english.ShouldContainKey($"Role.{role}");
        }
    }

    private static IEnumerable<string> UsedKeys(string source) =>
        LocalizerCall().Matches(source).Select(m => m.Groups[1].Value)
            .Concat(AnnotationKey().Matches(source).Select(m => m.Groups[1].Value))
            .Concat(PluralCall().Matches(source).Select(m => m.Groups[1].Value));

    // L.Plural("MyPickups.Bags", n): the key itself must exist (its ".One" form is optional).
    [GeneratedRegex("""\.Plural\("([A-Za-z][\w.]*)",""")]
    private static partial Regex PluralCall();

    [Fact]
    public void Chinese_UsesOneWordForCourierAndKilogram()
    {
        var chinese = Load("zh-CN");

        // 取件员 (the one who collects), not 快递员 (a parcel courier); 公斤 throughout, never "kg".
        chinese.Where(c => c.Value.Contains("快递员", StringComparison.Ordinal)).Select(c => c.Key).ShouldBeEmpty();
        chinese.Where(c => KilogramInLatin().IsMatch(c.Value)).Select(c => c.Key).ShouldBeEmpty();
    }

    [Fact]
    public void English_HasASingularWhereACountedPhraseIsPlural()
    {
        var english = Load("");

        foreach (var key in new[] { "MyPickups.Bags", "Details.CollectedWhat", "Board.ShowStops" })
        {
            english[key + ".One"].ShouldNotContain("bags");
            english[key + ".One"].ShouldNotContain("stops");
        }
    }

    [GeneratedRegex(@"\d\s*kg\b|\{\d\}\s*kg\b")]
    private static partial Regex KilogramInLatin();

    private static HashSet<string> Placeholders(string value) =>
        [.. Placeholder().Matches(value).Select(m => m.Value)];

    // localizer["Key"], L["Key"] (string literals only; keys built at run time are checked by their own tests).
    [GeneratedRegex("""(?:\bL|localizer)\["([A-Za-z][\w.]*)"[\],]""")]
    private static partial Regex LocalizerCall();

    // ErrorMessage = "Validation.Required", Name = "Field.Email" on data annotations.
    [GeneratedRegex("(?:ErrorMessage|Name) = \"([A-Z][a-zA-Z]+\\.[\\w.]+)\"")]
    private static partial Regex AnnotationKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
