using RecyclePlatform.Application.Common;

namespace RecyclePlatform.UnitTests.Common;

public sealed class FailureStreakTests
{
    [Fact]
    public void AnOutage_IsReportedOnce_BacksOffToTheCeiling_AndEndsWithItsLength()
    {
        var streak = new FailureStreak(TimeSpan.FromSeconds(30));
        var poll = TimeSpan.FromMilliseconds(200);

        streak.Delay(poll).ShouldBe(poll);
        var reported = Enumerable.Range(0, 20).Select(_ => streak.Failed()).ToList();
        reported.Count(first => first).ShouldBe(1);
        reported[0].ShouldBeTrue();
        streak.Delay(poll).ShouldBe(TimeSpan.FromSeconds(30));

        streak.Succeeded().ShouldBe(20);
        streak.Delay(poll).ShouldBe(poll);
        streak.Succeeded().ShouldBe(0);
    }

    [Fact]
    public void TheFirstFailures_DoubleThePause()
    {
        var streak = new FailureStreak(TimeSpan.FromSeconds(30));
        var poll = TimeSpan.FromMilliseconds(200);

        streak.Failed();
        streak.Delay(poll).ShouldBe(TimeSpan.FromMilliseconds(400));
        streak.Failed();
        streak.Delay(poll).ShouldBe(TimeSpan.FromMilliseconds(800));
    }
}
