namespace RecyclePlatform.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Code"/> is stable (for example <c>slot.full</c>):
/// the API returns it and the UI translates it.
/// </summary>
public sealed class DomainRuleException(string code, string? detail = null)
    : Exception(detail ?? code)
{
    public string Code { get; } = code;
}
