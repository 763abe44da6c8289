using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RecyclePlatform.Domain.Common;
using ItemCategories = RecyclePlatform.Domain.Pickups.ItemCategories;
using LotStream = RecyclePlatform.Domain.Hubs.LotStream;
using PartnerKind = RecyclePlatform.Domain.Partners.PartnerKind;

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

    /// <summary>Not custody: the impact factor table in force from here on (docs/campaigns.md).</summary>
    ImpactFactors,
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
/// A value that entries may carry as a string because it can only be a code: a digest, a region
/// code, a city's slug. Entries have no other strings, so no free text (and no personal data) can
/// reach the public log even by mistake; LedgerSchemaTests enforce it by reflection.
/// </summary>
public interface IEntryCode
{
    string Code { get; }
}

/// <summary>64 lower-case hex characters: a SHA-256 or HMAC-SHA256 digest, such as a donor commitment or a photo's hash.</summary>
public readonly partial record struct HexDigest : IEntryCode
{
    private HexDigest(string code) => Code = code;

    public string Code { get; }

    public static HexDigest Parse(string? value) =>
        value is not null && Pattern().IsMatch(value) ? new HexDigest(value) : throw new DomainRuleException(Rules.Ledger.DigestInvalid);

    public static HexDigest Of(ReadOnlySpan<byte> digest) => digest.Length == 32
        ? new HexDigest(Convert.ToHexStringLower(digest))
        : throw new ArgumentException("A digest has 32 bytes.", nameof(digest));

    public override string ToString() => Code;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Pattern();
}

/// <summary>
/// A mainland China administrative division code (GB/T 2260): six digits, province, prefecture or
/// county level. Whether the code exists is checked against the region list in Application.
/// </summary>
public readonly partial record struct RegionCode : IEntryCode
{
    private RegionCode(string code) => Code = code;

    public string Code { get; }

    public static RegionCode Parse(string? value) =>
        value is not null && Pattern().IsMatch(value) ? new RegionCode(value) : throw new DomainRuleException(Rules.Distribution.RegionInvalid);

    public static bool TryParse(string? value, out RegionCode code)
    {
        var ok = value is not null && Pattern().IsMatch(value);
        code = ok ? new RegionCode(value!) : default;
        return ok;
    }

    public override string ToString() => Code;

    [GeneratedRegex("^[1-9][0-9]{5}$")]
    private static partial Regex Pattern();
}

/// <summary>A city's slug (<c>beijing</c>): administrators choose it from a fixed alphabet.</summary>
public readonly record struct CityCode : IEntryCode
{
    private CityCode(string code) => Code = code;

    public string Code { get; }

    public static CityCode Parse(string value) => new(Slug.Require(value, Rules.City.SlugInvalid));

    public override string ToString() => Code;
}

/// <summary>Why an entry is corrected: a fixed list, each reason fitting only some fields.</summary>
public enum CorrectionReason
{
    WrongWeight,
    WrongCount,
    WrongPartner,
    WrongDate,
    WrongRegion,
    WrongProgramme,
    EnteredTwice,
}

/// <summary>
/// A custody entry's schema. Every public property is a field of the entry, written by
/// <see cref="ToLedgerEntry"/> under its camelCase name; the only types allowed are ids, numbers,
/// booleans, dates, enumerations (written in snake_case), <see cref="IEntryCode"/> values, lists of
/// these and nested <see cref="IEntryFields"/>. Absent (null) fields are left out.
/// </summary>
public abstract record CustodyEntry(DateTimeOffset At)
{
    /// <summary>
    /// Version 3: <c>collected</c> also names the district, campaign and team the pickup counts for.
    /// Version 2: no labels, programmes and regions by code. Earlier entries stay readable.
    /// </summary>
    public const int SchemaVersion = 3;

    public abstract LedgerEntryKind EntryKind();

    /// <summary>What look-ups find the entry by: a pickup's commitment or a lot's id.</summary>
    public abstract string EntrySubject();

    public LedgerEntry ToLedgerEntry()
    {
        var body = new JsonObject
        {
            ["v"] = SchemaVersion,
            ["kind"] = KindName(EntryKind()),
            ["at"] = Timestamp(At),
        };
        WriteFields(this, body, skip: nameof(At));
        var bytes = CanonicalJson.Serialize(body);
        if (bytes.Length > LedgerEntry.MaxBodyBytes)
        {
            throw new DomainRuleException(Rules.Ledger.EntryTooLarge);
        }
        return new LedgerEntry(EntryKind(), EntrySubject(), bytes);
    }

    public static string KindName(LedgerEntryKind kind) => SnakeCase(kind.ToString());

    public static long ToGrams(decimal kg) => (long)Math.Round(kg * 1000m, MidpointRounding.AwayFromZero);

    public static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The fields of an entry: its public properties, in any order (canonical JSON sorts them).</summary>
    public static IEnumerable<PropertyInfo> Fields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    public static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    public static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static void WriteFields(object owner, JsonObject body, string? skip)
    {
        foreach (var property in Fields(owner.GetType()).Where(p => p.Name != skip))
        {
            if (Value(property.GetValue(owner)) is { } value)
            {
                body[CamelCase(property.Name)] = value;
            }
        }
    }

    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        Guid id => id.ToString("D"),
        int n => n,
        long n => n,
        bool b => b,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => Timestamp(t),
        Enum e => SnakeCase(e.ToString()),
        IEntryCode code => code.Code,
        IEntryFields fields => Nested(fields),
        IEnumerable items and not string => new JsonArray([.. items.Cast<object>().Select(Value).OrderBy(v => v!.ToJsonString(), StringComparer.Ordinal)]),
        _ => throw new InvalidOperationException($"Ledger entries never hold a {value.GetType().Name}."),
    };

    private static JsonObject Nested(IEntryFields fields)
    {
        var body = new JsonObject();
        WriteFields(fields, body, skip: null);
        return body;
    }
}

/// <summary>A group of fields inside an entry (the corrected values of a correction).</summary>
public interface IEntryFields;

/// <summary>
/// The door: the courier took the bags. Labels appear only as commitments the donor's receipt code opens.
/// The district (a slug), campaign and team (ids) say what the pickup counts for, so that every public
/// total can be recomputed from the log alone.
/// </summary>
public sealed record CollectedEntry(DateTimeOffset At, CityCode City, Guid Hub, HexDigest Pickup, int Bags, long Grams,
    IReadOnlyList<HexDigest> LabelCommitments, HexDigest? PhotoSha256) : CustodyEntry(At)
{
    public CityCode? District { get; init; }
    public Guid? Campaign { get; init; }
    public Guid? Team { get; init; }

    public override LedgerEntryKind EntryKind() => LedgerEntryKind.Collected;

    public override string EntrySubject() => Pickup.Code;
}

/// <summary>The hub took the bags; with an intake weighing also its grams and whether it disagrees with the door.</summary>
public sealed record ReceivedAtHubEntry(DateTimeOffset At, Guid Hub, HexDigest Pickup, IReadOnlyList<HexDigest> LabelCommitments,
    IReadOnlyList<HexDigest> MissingLabelCommitments, long? Grams, bool? WeightDiscrepancy) : CustodyEntry(At)
{
    public override LedgerEntryKind EntryKind() => LedgerEntryKind.ReceivedAtHub;

    public override string EntrySubject() => Pickup.Code;
}

public sealed record SortedEntry(DateTimeOffset At, Guid Hub, Guid Lot, LotStream Stream, long Grams,
    IReadOnlyList<ItemCategories> Categories, IReadOnlyList<HexDigest> Pickups) : CustodyEntry(At)
{
    public override LedgerEntryKind EntryKind() => LedgerEntryKind.Sorted;

    public override string EntrySubject() => Lot.ToString("D");
}

public sealed record AllocatedEntry(DateTimeOffset At, Guid Lot, Guid Partner, PartnerKind PartnerKind, long Grams) : CustodyEntry(At)
{
    public override LedgerEntryKind EntryKind() => LedgerEntryKind.Allocated;

    public override string EntrySubject() => Lot.ToString("D");
}

public sealed record ReceivedByPartnerEntry(DateTimeOffset At, Guid Lot, Guid Partner, long Grams, int Items, bool Discrepancy) : CustodyEntry(At)
{
    public override LedgerEntryKind EntryKind() => LedgerEntryKind.ReceivedByPartner;

    public override string EntrySubject() => Lot.ToString("D");
}

/// <summary>A charity's distribution: the programme from its catalogue, the region by GB/T 2260 code, counts only.</summary>
public sealed record DistributedEntry(DateTimeOffset At, Guid Lot, Guid Partner, Guid Programme, DateOnly Date, RegionCode Region,
    int Items, int Beneficiaries) : CustodyEntry(At)
{
    public override LedgerEntryKind EntryKind() => LedgerEntryKind.Distributed;

    public override string EntrySubject() => Lot.ToString("D");
}

public sealed record RecycledEntry(DateTimeOffset At, Guid Lot, Guid Partner, long Grams) : CustodyEntry(At)
{
    public override LedgerEntryKind EntryKind() => LedgerEntryKind.Recycled;

    public override string EntrySubject() => Lot.ToString("D");
}

/// <summary>
/// Entries are never changed: a correction points at the entry it corrects, says why, and carries
/// the typed fields as they should have been (none for an entry entered twice).
/// </summary>
public sealed record CorrectionEntry(DateTimeOffset At, long Corrects, CorrectionReason Reason, CorrectedFields Corrected) : CustodyEntry(At)
{
    private string _subject = "";

    public static CorrectionEntry For(DateTimeOffset at, long corrects, string subject, CorrectionReason reason, CorrectedFields corrected) =>
        new(at, corrects, reason, corrected) { _subject = subject };

    public override LedgerEntryKind EntryKind() => LedgerEntryKind.Correction;

    public override string EntrySubject() => _subject;
}

/// <summary>The fields a correction may carry, each typed as in the entries it corrects.</summary>
public sealed record CorrectedFields(long? Grams = null, int? Bags = null, int? Items = null, int? Beneficiaries = null,
    Guid? Partner = null, DateOnly? Date = null, RegionCode? Region = null, Guid? Programme = null) : IEntryFields
{
    public bool HasNone() => this == new CorrectedFields();
}

/// <summary>
/// The impact factor table in force from this entry on: per stream, the CO2e and water a kilogram avoids,
/// as whole numbers, and the SHA-256 of the published table (with each factor's source, year and unit)
/// that <c>GET /api/v1/impact/factors/{version}</c> serves. The text stays off the log; its digest is on it.
/// </summary>
public sealed record ImpactFactorsEntry(DateTimeOffset At, int Version, IReadOnlyList<StreamFactor> Factors, HexDigest Table) : CustodyEntry(At)
{
    public override LedgerEntryKind EntryKind() => LedgerEntryKind.ImpactFactors;

    public override string EntrySubject() => $"impact-factors-{Version}";
}

/// <summary>What one kilogram of a stream avoids: grams of CO2e and litres of water.</summary>
public sealed record StreamFactor(LotStream Stream, long Co2eGramsPerKg, long WaterLitresPerKg) : IEntryFields;
