using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.Web.Hosting;

/// <summary>One area per staff role; every page inside needs the area's policy.</summary>
internal static class AreaPolicies
{
    public static readonly IReadOnlyList<(string Area, string Policy)> All =
    [
        ("Courier", Roles.Courier),
        ("Dispatch", Hosting.Policies.DispatchBoard),
        ("Hub", Roles.HubOperator),
        ("Charity", Roles.CharityStaff),
        ("Admin", Roles.Admin),
    ];
}
