namespace RecyclePlatform.Domain.Pickups;

/// <summary>The label printed for one bag; its id is what the courier's scan reads.</summary>
public sealed class BagLabel(string labelId, int bagNumber)
{
    public string LabelId { get; private set; } = labelId;
    public int BagNumber { get; private set; } = bagNumber;

    /// <summary>Scanned by the courier at the door.</summary>
    public bool Collected { get; internal set; }

    /// <summary>Scanned or ticked off by the hub at hand-over.</summary>
    public bool ReceivedAtHub { get; internal set; }

    /// <summary>Longer than any label we print (REFERENCE-NN) with room for what a scanner adds; anything longer is not a label.</summary>
    public const int MaxTypedLength = 40;

    public static string IdFor(string reference, int bag) => $"{reference}-{bag:D2}";

    /// <summary>One label per bag of a new pickup, numbered from 1.</summary>
    internal static IEnumerable<BagLabel> For(string reference, int bags) =>
        Enumerable.Range(1, bags).Select(bag => new BagLabel(IdFor(reference, bag), bag));

    /// <summary>A label as scanned or typed, in the form it is printed (scanners and people add spaces and lower case).</summary>
    internal static string Normalise(string typed) => typed.Trim().ToUpperInvariant();

    /// <summary>The same bag under another reference, keeping what was scanned of it.</summary>
    internal BagLabel Relabelled(string reference) => new(IdFor(reference, BagNumber), BagNumber)
    {
        Collected = Collected,
        ReceivedAtHub = ReceivedAtHub,
    };
}
