using RecyclePlatform.Application.Ledger;

namespace RecyclePlatform.UnitTests.Ledger;

/// <summary>How the log treats a witness that keeps failing: logged when it starts and ends, asked less and less often.</summary>
public sealed class WitnessStatusTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AFailingWitness_IsAskedAfterGrowingPauses_AtMostFiveMinutes_AndAtOnceAfterItRecovers()
    {
        var status = new WitnessStatus();
        status.Due("w", T).ShouldBeTrue();

        status.Record("w", "down", T).ShouldBeTrue();          // the first failure is news
        status.Due("w", T.AddSeconds(1)).ShouldBeFalse();
        status.Due("w", T.AddSeconds(2)).ShouldBeTrue();
        status.Record("w", "down", T.AddSeconds(2)).ShouldBeFalse(); // the same problem again is not
        status.Due("w", T.AddSeconds(5)).ShouldBeFalse();
        status.Due("w", T.AddSeconds(6)).ShouldBeTrue();

        for (var i = 0; i < 20; i++)
        {
            status.Record("w", "down", T);
        }
        status.Due("w", T.AddMinutes(5).AddSeconds(-1)).ShouldBeFalse();
        status.Due("w", T.AddMinutes(5)).ShouldBeTrue();

        status.Record("w", null, T).ShouldBeTrue();              // recovery is news
        status.Due("w", T).ShouldBeTrue();
        status.Record("w", null, T).ShouldBeFalse();
        status.Record("w", "refused: 422", T).ShouldBeTrue();   // a new problem is news
    }
}
