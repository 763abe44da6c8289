namespace RecyclePlatform.Application.Common;

/// <summary>
/// How a background loop behaves while something it needs (the database, a mail server) is down:
/// it waits twice as long after each failed round, up to a ceiling, instead of retrying at full speed;
/// and it reports an outage once, when it starts, and once more when it ends, rather than a stack
/// trace every round.
/// </summary>
public sealed class FailureStreak(TimeSpan ceiling)
{
    public int Failures { get; private set; }

    /// <summary>Records a failed round; true when it is the first of an outage (the one worth a log line with the exception).</summary>
    public bool Failed()
    {
        Failures++;
        return Failures == 1;
    }

    /// <summary>Records a good round; the number of failed rounds the outage lasted (0 when there was none).</summary>
    public int Succeeded()
    {
        var lasted = Failures;
        Failures = 0;
        return lasted;
    }

    /// <summary>The pause before the next round: the normal one, doubled for each failure in a row, at most the ceiling.</summary>
    public TimeSpan Delay(TimeSpan normal)
    {
        if (Failures == 0)
        {
            return normal;
        }
        var doubled = normal.Ticks * Math.Pow(2, Math.Min(Failures, 30));
        return TimeSpan.FromTicks((long)Math.Min(doubled, Math.Max(ceiling.Ticks, normal.Ticks)));
    }
}
