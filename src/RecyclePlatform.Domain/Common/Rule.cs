namespace RecyclePlatform.Domain.Common;

/// <summary>What kind of refusal a broken rule is; the API turns each kind into one HTTP status.</summary>
public enum RuleKind
{
    /// <summary>The request conflicts with the current state (a full window, a lot already allocated): 409.</summary>
    Conflict,

    /// <summary>The request can never succeed as sent (a label that is not this pickup's): 422.</summary>
    Unprocessable,

    /// <summary>The request is malformed before any rule is checked: 400.</summary>
    Invalid,

    /// <summary>413.</summary>
    TooLarge,

    /// <summary>415.</summary>
    UnsupportedMediaType,

    /// <summary>429.</summary>
    TooManyRequests,
}

/// <summary>
/// One business rule, defined once in <see cref="Rules"/>: its stable code (what the API returns and the
/// pages translate, from <c>Error.&lt;code&gt;</c>), its kind, and the input field it is about when a
/// form should show it next to that field (a property path of the command, such as <c>Address.Phone</c>).
/// </summary>
public sealed record Rule(string Code, RuleKind Kind, string? Field = null)
{
    /// <summary>The resource key of the rule's message, in both languages.</summary>
    public string MessageKey => $"Error.{Code}";

    public override string ToString() => Code;
}
