namespace RecyclePlatform.Domain.Common;

/// <summary>A place or organisation name in English and Simplified Chinese.</summary>
public sealed record LocalizedName
{
    public const int MaxLength = 120;

    public LocalizedName(string english, string chinese)
    {
        English = Require(english, Rules.Name.EnglishRequired);
        Chinese = Require(chinese, Rules.Name.ChineseRequired);
    }

    public string English { get; private init; }
    public string Chinese { get; private init; }

    /// <summary>The Chinese name for a zh culture, the English one otherwise.</summary>
    public string In(string cultureName) =>
        cultureName.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    private static string Require(string value, Rule code)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxLength)
        {
            throw new DomainRuleException(code);
        }
        return trimmed;
    }
}
