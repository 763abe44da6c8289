using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Web.Hosting;
using RecyclePlatform.Web.Pages.Account;

namespace RecyclePlatform.UnitTests.Configuration;

public sealed class WebHelpersTests
{
    [Theory]
    [InlineData("Address.Street", "address.street")]
    [InlineData("Bags", "bags")]
    [InlineData("", "")]
    [InlineData("Idempotency-Key", "Idempotency-Key")]
    public void JsonNames_CamelCaseEachSegment(string property, string expected)
    {
        JsonNames.CamelCase(property).ShouldBe(expected);
    }

    [Theory]
    [InlineData(new[] { Roles.Consumer }, "/")]
    [InlineData(new[] { Roles.Courier }, "/Courier")]
    [InlineData(new[] { Roles.Dispatcher }, "/Dispatch")]
    [InlineData(new[] { Roles.HubOperator }, "/Hub")]
    [InlineData(new[] { Roles.CharityStaff }, "/Charity")]
    [InlineData(new[] { Roles.Consumer, Roles.Admin }, "/Admin")]
    public void SignIn_LandsOnTheRolesWorkspace(string[] roles, string expected)
    {
        AccountNavigation.HomeFor(roles).ShouldBe(expected);
    }

    [Fact]
    public void EveryStaffArea_IsGuardedByAPolicy()
    {
        var areas = Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "src", "RecyclePlatform.Web", "Areas"))
            .Select(Path.GetFileName)
            .ToList();

        areas.ShouldBe(AreaPolicies.All.Select(a => a.Area), ignoreOrder: true);
    }
}
