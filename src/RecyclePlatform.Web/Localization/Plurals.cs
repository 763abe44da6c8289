using Microsoft.Extensions.Localization;

namespace RecyclePlatform.Web;

/// <summary>
/// Counted phrases in the page's language. English has two forms ("1 bag", "2 bags"): the resource
/// "Key.One" holds the singular. Chinese has one form for every number, so it never takes "Key.One"
/// (which the resource fallback would otherwise fetch in English).
/// </summary>
public static class Plurals
{
    public static LocalizedString Plural(this IStringLocalizer localizer, string key, int count, params object[] more)
    {
        object[] arguments = [count, .. more];
        // CLDR's "one" category is n = 1 for English; Chinese has only "other".
        if (count == 1 && !DisplayFormats.Chinese)
        {
            var one = localizer[$"{key}.One", arguments];
            if (!one.ResourceNotFound)
            {
                return one;
            }
        }
        return localizer[key, arguments];
    }

    /// <summary>A list as the language writes it: "Clothing, Shoes" or "衣物、鞋子".</summary>
    public static string List(IEnumerable<string> items) =>
        string.Join(DisplayFormats.Chinese ? "、" : ", ", items);
}
