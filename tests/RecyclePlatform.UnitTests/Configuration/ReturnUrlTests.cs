using RecyclePlatform.Web.Pages.Account;

namespace RecyclePlatform.UnitTests.Configuration;

/// <summary>A redirect's Location header holds only ASCII: local return URLs are percent-encoded before the redirect.</summary>
public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/Pickups/中文", "/Pickups/%E4%B8%AD%E6%96%87")]
    [InlineData("/¿", "/%C2%BF")]
    [InlineData("/Ledger?size=10#top", "/Ledger?size=10#top")]
    [InlineData("/Pickups/Details/7KQ2-M4XZ-R", "/Pickups/Details/7KQ2-M4XZ-R")]
    public void Escaped_LeavesOnlyAscii(string local, string escaped)
    {
        var result = AccountNavigation.Escaped(local);

        result.ShouldBe(escaped);
        result.All(char.IsAscii).ShouldBeTrue();
    }
}
