using Microsoft.Extensions.Localization;

namespace RecyclePlatform.Web;

/// <summary>Domain rule codes (city.slug_invalid) shown to people in their language.</summary>
internal static class ErrorMessages
{
    public const string ConcurrencyConflict = "concurrency.conflict";

    /// <summary>The translated message for a code, or a generic one naming the code when none exists yet.</summary>
    public static string For(IStringLocalizer localizer, string code)
    {
        var message = localizer[$"Error.{code}"];
        return message.ResourceNotFound ? localizer["Error.Unknown", code] : message;
    }
}
