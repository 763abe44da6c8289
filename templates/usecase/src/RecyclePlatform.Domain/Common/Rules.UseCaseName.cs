namespace RecyclePlatform.Domain.Common;

// The rules of UseCaseName, in the one catalogue (Rules is one type over several files). Each needs its message,
// Error.<code>, in SharedResource.resx and SharedResource.zh-CN.resx: RuleCatalogueTests fails until both have it.
public static partial class Rules
{
    public static class UseCaseName
    {
        public static readonly Rule CityRequired = new("code_prefix.city_required", RuleKind.Invalid, Field: "CityId");
        public static readonly Rule NameRequired = new("code_prefix.name_required", RuleKind.Invalid, Field: "Name");
        public static readonly Rule NameTooLong = new("code_prefix.name_too_long", RuleKind.Invalid, Field: "Name");

        // TODO(template): the domain's rules, each with its kind (Conflict: 409 against the current state;
        // Unprocessable: 422, can never work as sent) and the field it is about, e.g.
        //     public static readonly Rule NameTaken = new("code_prefix.name_taken", RuleKind.Conflict, Field: "Name");
    }
}
