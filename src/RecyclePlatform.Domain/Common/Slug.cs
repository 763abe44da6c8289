using System.Text.RegularExpressions;

namespace RecyclePlatform.Domain.Common;

/// <summary>Lower-case, URL-safe identifiers people can read (<c>beijing</c>, <c>chaoyang</c>).</summary>
public static partial class Slug
{
    public const int MaxLength = 60;

    public static string Require(string value, Rule code)
    {
        var slug = value?.Trim() ?? "";
        if (slug.Length > MaxLength || !Pattern().IsMatch(slug))
        {
            throw new DomainRuleException(code);
        }
        return slug;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
