using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web;

/// <summary>
/// The one mapping of rules to what people and clients see: a rule's message in the person's language,
/// and its kind as an HTTP status. Pages and the API both come here.
/// </summary>
internal static class ErrorMessages
{
    /// <summary>A broken rule's message, naming the label, code or number it is about when it named one.</summary>
    public static string For(IStringLocalizer localizer, DomainRuleException rule) => For(localizer, rule.Rule, rule.Subject);

    public static string For(IStringLocalizer localizer, Rule rule, string? subject = null) =>
        subject is null ? localizer[rule.MessageKey] : localizer[rule.MessageKey, subject];

    /// <summary>A rule's message by its code as stored (a dispatch run's failure, an import row's error).</summary>
    public static string For(IStringLocalizer localizer, string code) =>
        Rules.ByCode.TryGetValue(code, out var rule) ? For(localizer, rule) : localizer["Error.Unknown", code];

    /// <summary>For a code a validator or an import row reported: the translated message, else the validator's own text.</summary>
    public static string For(IStringLocalizer localizer, string? code, string fallback)
    {
        if (string.IsNullOrEmpty(code))
        {
            return fallback;
        }
        var message = localizer[$"Error.{code}"];
        return message.ResourceNotFound ? fallback : message;
    }

    /// <summary>The HTTP status of each kind of broken rule.</summary>
    public static int StatusFor(Rule rule) => rule.Kind switch
    {
        RuleKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        RuleKind.Invalid => StatusCodes.Status400BadRequest,
        RuleKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RuleKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        RuleKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status409Conflict,
    };
}
