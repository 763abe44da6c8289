using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Http;

namespace RecyclePlatform.Web;

/// <summary>Domain rule codes (city.slug_invalid) shown to people in their language.</summary>
internal static class ErrorMessages
{
    public const string ConcurrencyConflict = "concurrency.conflict";

    /// <summary>The translated message for a code, or a generic one naming the code when none exists yet.</summary>
    public static string For(IStringLocalizer localizer, string code) => Named(localizer, code, subject: null);

    /// <summary>A broken rule's message, naming the label, code or number it is about when it named one.</summary>
    public static string For(IStringLocalizer localizer, Domain.Common.DomainRuleException rule) => Named(localizer, rule.Code, rule.Subject);

    private static string Named(IStringLocalizer localizer, string code, string? subject)
    {
        var message = subject is null ? localizer[$"Error.{code}"] : localizer[$"Error.{code}", subject];
        return message.ResourceNotFound ? localizer["Error.Unknown", code] : message;
    }

    /// <summary>For validation failures: the translated message for the code, else the validator's own text.</summary>
    public static string For(IStringLocalizer localizer, string? code, string fallback)
    {
        if (string.IsNullOrEmpty(code))
        {
            return fallback;
        }
        var message = localizer[$"Error.{code}"];
        return message.ResourceNotFound ? fallback : message;
    }

    /// <summary>
    /// A broken rule is a conflict with the current state (409), except a request that can
    /// never succeed as sent, such as reusing an idempotency key for another body (422).
    /// </summary>
    public static int StatusFor(string code) => code switch
    {
        "idempotency.key_reused" or "idempotency.key_invalid" => StatusCodes.Status422UnprocessableEntity,
        "photo.too_large" => StatusCodes.Status413PayloadTooLarge,
        "photo.not_an_image" => StatusCodes.Status415UnsupportedMediaType,
        "photo.too_many" => StatusCodes.Status422UnprocessableEntity,
        "photo.not_uploaded" => StatusCodes.Status422UnprocessableEntity,
        "ledger.receipt_code_invalid" or "ledger.consistency_sizes" or "ledger.entry_after_checkpoint" or "ledger.correction_incomplete" or "ledger.correction_fields"
            or "ledger.correction_reason_mismatch" or "ledger.correction_value_out_of_range" or "ledger.digest_invalid"
            or "date.out_of_range"
            => StatusCodes.Status422UnprocessableEntity,
        "lot.weight_out_of_range" or "lot.items_out_of_range" or "lot.note_too_long" or "lot.stream_invalid" or "sort.pickups_required"
            or "lot.partner_wrong_kind" or "lot.partner_not_in_city" or "lot.waste_not_allocated" => StatusCodes.Status422UnprocessableEntity,
        _ when code.StartsWith("distribution.", StringComparison.Ordinal) => StatusCodes.Status422UnprocessableEntity,
        _ when code.StartsWith("pickup.", StringComparison.Ordinal) && code is "pickup.bag_count" or "pickup.categories_required"
            or "pickup.below_minimum_weight" or "pickup.district_mismatch" or "pickup.charity_not_in_city" => StatusCodes.Status422UnprocessableEntity,
        "pickup.label_not_ours" or "pickup.label_unknown" or "pickup.label_invalid" or "pickup.label_scanned_twice" or "pickup.bag_count_mismatch" or "pickup.weight_out_of_range"
            or "pickup.photo_hash_invalid" or "pickup.failure_note_required" or "pickup.missing_bags_note_required"
            or "pickup.route_order_invalid" or "courier.other_city" or "courier.inactive" => StatusCodes.Status422UnprocessableEntity,
        _ when code.StartsWith("address.", StringComparison.Ordinal) || code.StartsWith("geo.", StringComparison.Ordinal) => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };
}
