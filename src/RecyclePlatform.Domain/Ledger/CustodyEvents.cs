using System.Globalization;
using System.Text.Json.Nodes;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Ledger;

/// <summary>The custody steps the ledger records (docs/ledger.md has each schema).</summary>
public enum LedgerEntryKind
{
    Collected,
    ReceivedAtHub,
    Sorted,
    Allocated,
    ReceivedByPartner,
    Distributed,
    Recycled,
    Correction,
}

/// <summary>
/// One ledger entry before it has an index: its kind, the subject it is about (a pickup's
/// commitment or a lot id, for look-ups) and its canonical JSON bytes, which are what is hashed.
/// </summary>
public sealed record LedgerEntry(LedgerEntryKind Kind, string Subject, byte[] Body)
{
    /// <summary>Entry bundles give each entry a 16-bit length (tlog-tiles).</summary>
    public const int MaxBodyBytes = ushort.MaxValue;
}

/// <summary>
/// Builds custody entries. Nothing personal goes in: a pickup is named only by its donor
/// commitment, partners and hubs by their public ids, amounts in whole grams.
/// </summary>
public static class CustodyEvents
{
    public const int SchemaVersion = 1;

    public static string KindName(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Collected => "collected",
        LedgerEntryKind.ReceivedAtHub => "received_at_hub",
        LedgerEntryKind.Sorted => "sorted",
        LedgerEntryKind.Allocated => "allocated",
        LedgerEntryKind.ReceivedByPartner => "received_by_partner",
        LedgerEntryKind.Distributed => "distributed",
        LedgerEntryKind.Recycled => "recycled",
        LedgerEntryKind.Correction => "correction",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static long Grams(decimal kg) => (long)Math.Round(kg * 1000m, MidpointRounding.AwayFromZero);

    public static LedgerEntry Collected(DateTimeOffset at, string city, Guid hub, string pickupCommitment, int bags, decimal kg,
        IEnumerable<string> labels, string? photoSha256)
    {
        var body = Start(LedgerEntryKind.Collected, at);
        body["city"] = city;
        body["hub"] = Id(hub);
        body["pickup"] = pickupCommitment;
        body["bags"] = bags;
        body["grams"] = Grams(kg);
        body["labels"] = Strings(labels.Order(StringComparer.Ordinal));
        if (photoSha256 is not null)
        {
            body["photoSha256"] = photoSha256;
        }
        return Build(LedgerEntryKind.Collected, pickupCommitment, body);
    }

    /// <param name="intakeKg">The hub's own weighing, when it weighed; with a flag when it disagrees with the door.</param>
    public static LedgerEntry ReceivedAtHub(DateTimeOffset at, Guid hub, string pickupCommitment, IEnumerable<string> receivedLabels,
        IEnumerable<string> missingLabels, decimal? intakeKg = null, bool weightDiscrepancy = false)
    {
        var body = Start(LedgerEntryKind.ReceivedAtHub, at);
        body["hub"] = Id(hub);
        body["pickup"] = pickupCommitment;
        body["labels"] = Strings(receivedLabels.Order(StringComparer.Ordinal));
        body["missingLabels"] = Strings(missingLabels.Order(StringComparer.Ordinal));
        if (intakeKg is { } kg)
        {
            body["grams"] = Grams(kg);
            body["weightDiscrepancy"] = weightDiscrepancy;
        }
        return Build(LedgerEntryKind.ReceivedAtHub, pickupCommitment, body);
    }

    /// <param name="stream">reuse, recycle or waste.</param>
    public static LedgerEntry Sorted(DateTimeOffset at, Guid hub, Guid lot, string stream, decimal kg, IEnumerable<string> categories,
        IEnumerable<string> pickupCommitments)
    {
        var body = Start(LedgerEntryKind.Sorted, at);
        body["hub"] = Id(hub);
        body["lot"] = Id(lot);
        body["stream"] = stream;
        body["grams"] = Grams(kg);
        body["categories"] = Strings(categories.Order(StringComparer.Ordinal));
        body["pickups"] = Strings(pickupCommitments.Order(StringComparer.Ordinal));
        return Build(LedgerEntryKind.Sorted, Id(lot), body);
    }

    /// <param name="partnerKind">charity or recycler.</param>
    public static LedgerEntry Allocated(DateTimeOffset at, Guid lot, Guid partner, string partnerKind, decimal kg)
    {
        var body = Start(LedgerEntryKind.Allocated, at);
        body["lot"] = Id(lot);
        body["partner"] = Id(partner);
        body["partnerKind"] = partnerKind;
        body["grams"] = Grams(kg);
        return Build(LedgerEntryKind.Allocated, Id(lot), body);
    }

    public static LedgerEntry ReceivedByPartner(DateTimeOffset at, Guid lot, Guid partner, decimal kg, int items, bool discrepancy)
    {
        var body = Start(LedgerEntryKind.ReceivedByPartner, at);
        body["lot"] = Id(lot);
        body["partner"] = Id(partner);
        body["grams"] = Grams(kg);
        body["items"] = items;
        body["discrepancy"] = discrepancy;
        return Build(LedgerEntryKind.ReceivedByPartner, Id(lot), body);
    }

    public static LedgerEntry Distributed(DateTimeOffset at, Guid lot, Guid partner, string programme, DateOnly date, string region,
        int items, int beneficiaries)
    {
        var body = Start(LedgerEntryKind.Distributed, at);
        body["lot"] = Id(lot);
        body["partner"] = Id(partner);
        body["programme"] = programme;
        body["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        body["region"] = region;
        body["items"] = items;
        body["beneficiaries"] = beneficiaries;
        return Build(LedgerEntryKind.Distributed, Id(lot), body);
    }

    public static LedgerEntry Recycled(DateTimeOffset at, Guid lot, Guid partner, decimal kg)
    {
        var body = Start(LedgerEntryKind.Recycled, at);
        body["lot"] = Id(lot);
        body["partner"] = Id(partner);
        body["grams"] = Grams(kg);
        return Build(LedgerEntryKind.Recycled, Id(lot), body);
    }

    /// <summary>
    /// Entries are never changed: a correction points at the entry it corrects, says why, and
    /// carries the fields as they should have been.
    /// </summary>
    public static LedgerEntry Correction(DateTimeOffset at, long correctsIndex, string subject, string reason, JsonObject corrected)
    {
        var body = Start(LedgerEntryKind.Correction, at);
        body["corrects"] = correctsIndex;
        body["reason"] = reason;
        body["corrected"] = corrected;
        return Build(LedgerEntryKind.Correction, subject, body);
    }

    private static JsonObject Start(LedgerEntryKind kind, DateTimeOffset at) => new()
    {
        ["v"] = SchemaVersion,
        ["kind"] = KindName(kind),
        ["at"] = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    private static string Id(Guid id) => id.ToString("D");

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];

    private static LedgerEntry Build(LedgerEntryKind kind, string subject, JsonObject body)
    {
        var bytes = CanonicalJson.Serialize(body);
        if (bytes.Length > LedgerEntry.MaxBodyBytes)
        {
            throw new DomainRuleException("ledger.entry_too_large");
        }
        return new LedgerEntry(kind, subject, bytes);
    }
}
