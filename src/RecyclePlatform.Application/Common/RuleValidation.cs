using FluentValidation;
using FluentValidation.Results;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Common;

/// <summary>Validators and handlers name the rules of <see cref="Rules"/>, never a bare string code.</summary>
public static class RuleValidation
{
    /// <summary>A failed validator rule reports this rule's code (the page and the API translate by code).</summary>
    public static IRuleBuilderOptions<T, TProperty> WithRule<T, TProperty>(this IRuleBuilderOptions<T, TProperty> builder, Rule rule) =>
        builder.WithErrorCode(rule.Code);

    /// <summary>A rule that needs state, checked by a handler, refused as invalid input on one field (400 with the field named).</summary>
    public static ValidationException InvalidAt(this Rule rule, string property) =>
        new([new ValidationFailure(property, rule.Code) { ErrorCode = rule.Code }]);

    /// <summary>Refusals worded elsewhere (Identity's, about an address), reported on one field under this rule's code.</summary>
    public static ValidationException InvalidAt(this Rule rule, string property, IEnumerable<string> messages) =>
        new([.. messages.Select(message => new ValidationFailure(property, message) { ErrorCode = rule.Code })]);

    /// <summary>Runs a domain factory and reports a broken rule against the input field it is about, like the input's own errors (400).</summary>
    public static T AtTheirFields<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (DomainRuleException rule)
        {
            throw rule.Rule.InvalidAt(rule.Rule.Field ?? "");
        }
    }
}
