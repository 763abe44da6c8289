namespace RecyclePlatform.Domain.Common;

/// <summary>
/// A business rule was broken: one of <see cref="Rules"/>, so that every rule the code can throw has a
/// code, a kind and a message in both languages.
/// </summary>
public sealed class DomainRuleException(Rule rule, string? detail = null)
    : Exception(detail ?? rule.Code)
{
    public Rule Rule { get; } = rule;

    /// <summary>The rule's stable code (for example <c>slot.full</c>): the API returns it and the UI translates it.</summary>
    public string Code => Rule.Code;

    /// <summary>
    /// The code, number or label the rule is about, named in the message (for example the bag label that
    /// is not this pickup's). Never personal data: it may be shown back and returned by the API.
    /// </summary>
    public string? Subject { get; init; }
}
