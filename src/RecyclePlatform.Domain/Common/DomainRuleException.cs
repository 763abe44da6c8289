namespace RecyclePlatform.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Code"/> is stable (for example <c>slot.full</c>):
/// the API returns it and the UI translates it.
/// </summary>
public sealed class DomainRuleException(string code, string? detail = null)
    : Exception(detail ?? code)
{
    public string Code { get; } = code;

    /// <summary>
    /// The code, number or label the rule is about, named in the message (for example the bag label that
    /// is not this pickup's). Never personal data: it may be shown back and returned by the API.
    /// </summary>
    public string? Subject { get; init; }
}
