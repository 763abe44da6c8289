using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Custody;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Domain.Impact;

public enum FactorMeasure
{
    /// <summary>Grams of CO2e a kilogram of the stream avoids.</summary>
    Co2e,

    /// <summary>Litres of water a kilogram of the stream avoids.</summary>
    Water,
}

/// <summary>One published factor: its value, unit, and where it comes from.</summary>
public sealed record ImpactFactor(LotStream Stream, FactorMeasure Measure, long Value, string Source, int Year)
{
    public const int MaxSource = 300;
    public const long MaxValue = 1_000_000;

    public string Unit => Measure == FactorMeasure.Co2e ? "g CO2e/kg" : "L/kg";
}

/// <summary>
/// A version of the published factor table: for each stream (reuse, recycle, waste), what a kilogram
/// avoids in CO2e and water, each factor with its source and year. Versions are never changed; an
/// administrator publishes a new one, which puts an <c>impact_factors</c> entry on the ledger with the
/// numbers and the SHA-256 of <see cref="Document"/>, so totals from then on use it, and anyone can
/// check the table they are given is the one the log committed to.
/// </summary>
public sealed class ImpactFactorTable : IRecordsCustody
{
    private readonly CustodyFactList _facts = new();
    private readonly List<ImpactFactor> _factors = [];

    private ImpactFactorTable()
    {
        Sha256 = "";
    }

    public int Version { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>The administrator who published it (off the ledger).</summary>
    public Guid PublishedBy { get; private set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Document"/>; the ledger entry carries it.</summary>
    public string Sha256 { get; private set; }

    public IReadOnlyList<ImpactFactor> Factors => _factors;
    public IReadOnlyList<CustodyFact> CustodyFacts => _facts.Items;

    public void ClearCustodyFacts() => _facts.Clear();

    /// <summary>Every stream needs both measures exactly once; values are whole numbers, each with its source and year.</summary>
    public static ImpactFactorTable Publish(int version, IReadOnlyList<ImpactFactor> factors, Guid publishedBy, DateTimeOffset now)
    {
        var expected = Enum.GetValues<LotStream>().SelectMany(s => Enum.GetValues<FactorMeasure>().Select(m => (s, m))).ToHashSet();
        if (factors.Count != expected.Count || !factors.Select(f => (f.Stream, f.Measure)).ToHashSet().SetEquals(expected))
        {
            throw new DomainRuleException(Rules.ImpactFactors.Incomplete);
        }
        var table = new ImpactFactorTable
        {
            Version = version,
            PublishedAt = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond)), // the document says it to the second
            PublishedBy = publishedBy,
        };
        foreach (var factor in factors.OrderBy(f => f.Stream).ThenBy(f => f.Measure))
        {
            var source = factor.Source?.Trim() ?? "";
            if (source.Length is 0 or > ImpactFactor.MaxSource || source.Any(char.IsControl))
            {
                throw new DomainRuleException(Rules.ImpactFactors.SourceInvalid);
            }
            if (factor.Value is < 0 or > ImpactFactor.MaxValue)
            {
                throw new DomainRuleException(Rules.ImpactFactors.ValueOutOfRange);
            }
            if (factor.Year < 1990 || factor.Year > now.Year + 1)
            {
                throw new DomainRuleException(Rules.ImpactFactors.YearOutOfRange);
            }
            table._factors.Add(factor with { Source = source });
        }
        table.Sha256 = Convert.ToHexStringLower(SHA256.HashData(table.Document()));
        table._facts.Add(new ImpactFactorsPublished(table.PublishedAt, table.Version, [.. Enum.GetValues<LotStream>().Select(table.PerKg)],
            HexDigest.Parse(table.Sha256)));
        return table;
    }

    /// <summary>The published table as RFC 8785 canonical JSON: the bytes its SHA-256 is taken of and that the API serves.</summary>
    public byte[] Document() => CanonicalJson.Serialize(new JsonObject
    {
        ["version"] = Version,
        ["publishedAt"] = CustodyEntry.Timestamp(PublishedAt),
        // In a fixed order: the database hands the rows back in its key's order (stream names alphabetically), not as published.
        ["factors"] = new JsonArray([.. _factors.OrderBy(f => f.Stream).ThenBy(f => f.Measure).Select(f => (JsonNode)new JsonObject
        {
            ["stream"] = CustodyEntry.SnakeCase(f.Stream.ToString()),
            ["measure"] = CustodyEntry.SnakeCase(f.Measure.ToString()),
            ["value"] = f.Value,
            ["unit"] = f.Unit,
            ["source"] = f.Source,
            ["year"] = f.Year,
        })]),
    });

    public long ValueOf(LotStream stream, FactorMeasure measure) =>
        _factors.Single(f => f.Stream == stream && f.Measure == measure).Value;

    private StreamFactor PerKg(LotStream stream) =>
        new(stream, ValueOf(stream, FactorMeasure.Co2e), ValueOf(stream, FactorMeasure.Water));

    public override string ToString() => Version.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A new factor table is in force (an <c>impact_factors</c> entry; no notification).</summary>
public sealed record ImpactFactorsPublished(DateTimeOffset At, int Version, IReadOnlyList<StreamFactor> Factors, HexDigest Table) : CustodyFact(At);
