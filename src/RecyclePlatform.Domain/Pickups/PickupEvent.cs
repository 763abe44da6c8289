namespace RecyclePlatform.Domain.Pickups;

/// <summary>Who caused a timeline event, by role: events never name a person.</summary>
public enum PickupActor
{
    Consumer,
    Courier,
    Dispatcher,
    HubOperator,
    System,
}

/// <summary>An immutable line of a pickup's timeline; where it happened when the device said so.</summary>
public sealed record PickupEvent(Guid Id, DateTimeOffset At, PickupActor Actor, PickupStatus? From, PickupStatus To, string? Note)
{
    public const int MaxNote = 500;

    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    /// <summary>A note as typed by a courier or hub operator: trimmed, and none when it says nothing.</summary>
    internal static string? Tidy(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    /// <summary>What the timeline keeps of a note: at most <see cref="MaxNote"/> characters.</summary>
    internal static string? Fit(string? note) => note?.Length > MaxNote ? note[..MaxNote] : note;
}
