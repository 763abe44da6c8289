namespace RecyclePlatform.Domain.Dispatch;

/// <summary>How long a courier spends at a door: parking and the hand-over, then each bag's scan and carry.</summary>
public static class StopServiceTime
{
    public const int BaseSeconds = 240;
    public const int PerBagSeconds = 60;

    public static long Seconds(int bags) => BaseSeconds + (PerBagSeconds * (long)bags);
}
