using System.Text.Json;
using RecyclePlatform.Domain.Hubs;

namespace RecyclePlatform.Domain.Impact;

/// <summary>
/// Every public impact total, computed from the ledger's entries alone, in log order. The app folds
/// the log as the sequencer appends; the command-line verifier (<c>impact</c>) runs this same code over
/// the entries it downloaded and checked, so anyone can recompute what the pages say.
/// The rules (docs/campaigns.md):
/// <list type="bullet">
/// <item>A <c>collected</c> entry counts one pickup, its bags and its door weight for the platform, its
/// city and district, and its team and campaign when it names them.</item>
/// <item>A <c>sorted</c> lot's grams go to its stream (reuse, recycle, waste). The lot is shared among
/// the pickups it names in proportion to their door weight (equally when none is known); a scope gets
/// its pickups' share, rounded half to even to whole grams, per lot. The platform gets whole lots.</item>
/// <item>Items and people a charity reached (<c>distributed</c>) are shared the same way (to 1/10,000).</item>
/// <item>A partner gets the lots allocated to it.</item>
/// <item>Corrections apply in log order: the latest value of a field wins; "entered twice" voids the entry.</item>
/// <item>CO2e and water are the stream grams times the latest <c>impact_factors</c> entry's table.</item>
/// </list>
/// Incremental: each lot's contribution is remembered and replaced when anything it depends on changes,
/// so folding the log in any number of batches gives exactly what folding it at once gives.
/// </summary>
public sealed class ImpactFold
{
    private const int ShareDecimals = 4;

    private readonly Dictionary<long, object> _byIndex = [];
    private readonly Dictionary<string, Door> _doors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LotState>> _lotsOfPickup = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, LotState> _lots = [];
    private readonly HashSet<LotState> _dirty = [];
    private readonly Dictionary<ImpactScope, Tally> _tallies = [];
    private readonly Dictionary<(Guid? Campaign, ScopeKind Kind), List<ImpactScope>> _children = [];
    private readonly Dictionary<ImpactScope, SortedDictionary<DateOnly, long>> _days = [];
    private readonly Dictionary<string, PickupTally> _pickups = new(StringComparer.Ordinal);

    /// <summary>How many entries have been folded: the next one must have this index.</summary>
    public long Size { get; private set; }

    /// <summary>The factor table in force (the latest <c>impact_factors</c> entry), or null before the first.</summary>
    public FactorTable? Factors { get; private set; }

    /// <summary>Folds the next entries, in log order, then brings every lot they touched up to date.</summary>
    public void Fold(IEnumerable<(long Index, byte[] Body)> entries)
    {
        foreach (var (index, body) in entries)
        {
            if (index != Size)
            {
                throw new ArgumentException($"The fold is at entry {Size}; entry {index} is out of order.", nameof(entries));
            }
            Add(index, body);
            Size++;
        }
        Flush();
    }

    public ImpactFigures Figures(ImpactScope scope) =>
        _tallies.TryGetValue(scope, out var tally) ? tally.Figures(Factors) : ImpactFigures.Zero;

    /// <summary>The scopes of one kind within a campaign (or all time), e.g. a campaign's cities, with their figures.</summary>
    public IReadOnlyList<(ImpactScope Scope, ImpactFigures Figures)> Breakdown(Guid? campaign, ScopeKind kind) =>
        _children.TryGetValue((campaign, kind), out var scopes) ? [.. scopes.Select(s => (s, Figures(s)))] : [];

    /// <summary>Door weight collected per UTC day, for the platform and each campaign.</summary>
    public IReadOnlyList<(DateOnly Day, long Grams)> Days(ImpactScope scope) =>
        _days.TryGetValue(scope, out var days) ? [.. days.Where(d => d.Value != 0).Select(d => (d.Key, d.Value))] : [];

    /// <summary>
    /// One pickup's share, by its ledger commitment: private, shown only to its donor. Null until it is in a sorted lot
    /// (also when it was and no longer is, so that the answer does not depend on how the log was batched).
    /// </summary>
    public PickupImpact? Pickup(string commitment) =>
        _pickups.TryGetValue(commitment, out var tally) && tally.Lots > 0 && _doors.TryGetValue(commitment, out var door) && !door.Void
            ? tally.Figures(door, Factors)
            : null;

    private void Add(long index, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return; // not an entry this fold understands; it counts for nothing (the verifier does the same)
        }
        using (document)
        {
            var entry = document.RootElement;
            if (entry.ValueKind != JsonValueKind.Object || Text(entry, "kind") is not { } kind)
            {
                return;
            }
            switch (kind)
            {
                case "collected":
                    AddDoor(index, entry);
                    break;
                case "sorted":
                    AddSort(index, entry);
                    break;
                case "allocated":
                    if (LotOf(entry) is { } allocated && Id(entry, "partner") is { } partner)
                    {
                        allocated.Partner = partner;
                        allocated.AllocationVoid = false;
                        _byIndex[index] = new AllocationRef(allocated);
                        _dirty.Add(allocated);
                    }
                    break;
                case "distributed":
                    if (LotOf(entry) is { } lot)
                    {
                        var distribution = new Distribution(lot, Integer(entry, "items") ?? 0, Integer(entry, "beneficiaries") ?? 0);
                        lot.Distributions.Add(distribution);
                        _byIndex[index] = distribution;
                        _dirty.Add(lot);
                    }
                    break;
                case "correction":
                    Correct(entry);
                    break;
                case "impact_factors":
                    Factors = FactorTable.Read(entry) ?? Factors;
                    break;
            }
        }
    }

    private void AddDoor(long index, JsonElement entry)
    {
        if (Text(entry, "pickup") is not { } commitment || Text(entry, "city") is not { } city || Text(entry, "at") is not { } at
            || !DateOnly.TryParseExact(at.Length >= 10 ? at[..10] : at, "yyyy-MM-dd", out var day))
        {
            return;
        }
        if (_doors.TryGetValue(commitment, out var earlier) && !earlier.Void)
        {
            ApplyDoor(earlier, -1); // a pickup is collected once; should the log say it twice, the later entry stands
            earlier.Void = true;
        }
        var door = new Door(commitment, city, Text(entry, "district"), Id(entry, "campaign"), Id(entry, "team"), day)
        {
            Bags = Integer(entry, "bags") ?? 0,
            Grams = Integer(entry, "grams") ?? 0,
        };
        _doors[commitment] = door;
        _byIndex[index] = door;
        ApplyDoor(door, +1);
    }

    private void AddSort(long index, JsonElement entry)
    {
        if (LotOf(entry) is not { } lot || Text(entry, "stream") is not { } streamName || !TryStream(streamName, out var stream))
        {
            return;
        }
        foreach (var commitment in lot.Pickups)
        {
            _lotsOfPickup[commitment].Remove(lot);
        }
        lot.Sorted = true;
        lot.SortVoid = false;
        lot.Stream = stream;
        lot.Grams = Integer(entry, "grams") ?? 0;
        lot.Pickups = entry.TryGetProperty("pickups", out var pickups) && pickups.ValueKind == JsonValueKind.Array
            ? [.. pickups.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).Distinct(StringComparer.Ordinal)]
            : [];
        foreach (var commitment in lot.Pickups)
        {
            if (!_lotsOfPickup.TryGetValue(commitment, out var lots))
            {
                _lotsOfPickup[commitment] = lots = [];
            }
            lots.Add(lot);
        }
        _byIndex[index] = new SortRef(lot);
        _dirty.Add(lot);
    }

    private void Correct(JsonElement entry)
    {
        if (Integer(entry, "corrects") is not { } corrects || !_byIndex.TryGetValue(corrects, out var target))
        {
            return;
        }
        var voids = Text(entry, "reason") == "entered_twice";
        var fields = entry.TryGetProperty("corrected", out var corrected) && corrected.ValueKind == JsonValueKind.Object ? corrected : default;
        long? Field(string name) => fields.ValueKind == JsonValueKind.Object ? Integer(fields, name) : null;
        switch (target)
        {
            case Door door when !door.Void:
                ApplyDoor(door, -1);
                if (voids)
                {
                    door.Void = true;
                }
                else
                {
                    door.Grams = Field("grams") ?? door.Grams;
                    door.Bags = Field("bags") ?? door.Bags;
                    ApplyDoor(door, +1);
                }
                break;
            case SortRef sort:
                sort.Lot.SortVoid |= voids;
                sort.Lot.Grams = Field("grams") ?? sort.Lot.Grams;
                _dirty.Add(sort.Lot);
                break;
            case AllocationRef allocation:
                allocation.Lot.AllocationVoid |= voids;
                if (fields.ValueKind == JsonValueKind.Object && Id(fields, "partner") is { } partner)
                {
                    allocation.Lot.Partner = partner;
                }
                _dirty.Add(allocation.Lot);
                break;
            case Distribution distribution:
                distribution.Void |= voids;
                distribution.Items = Field("items") ?? distribution.Items;
                distribution.Beneficiaries = Field("beneficiaries") ?? distribution.Beneficiaries;
                _dirty.Add(distribution.Lot);
                break;
        }
    }

    private void ApplyDoor(Door door, int sign)
    {
        foreach (var scope in door.Scopes())
        {
            var tally = TallyOf(scope);
            tally.Pickups += sign;
            tally.Bags += sign * door.Bags;
            tally.DoorGrams += sign * door.Grams;
            if (scope.Kind is ScopeKind.Platform or ScopeKind.Campaign)
            {
                if (!_days.TryGetValue(scope, out var days))
                {
                    _days[scope] = days = [];
                }
                days[door.Day] = days.GetValueOrDefault(door.Day) + sign * door.Grams;
            }
        }
        if (_lotsOfPickup.TryGetValue(door.Commitment, out var lots))
        {
            _dirty.UnionWith(lots);
        }
    }

    /// <summary>Replaces each touched lot's contribution with one computed from the current state.</summary>
    private void Flush()
    {
        foreach (var lot in _dirty)
        {
            if (lot.Applied is { } old)
            {
                Apply(old, -1);
            }
            lot.Applied = Contribution(lot);
            Apply(lot.Applied, +1);
        }
        _dirty.Clear();
    }

    private LotContribution Contribution(LotState lot)
    {
        var grams = lot.Sorted && !lot.SortVoid ? lot.Grams : 0;
        long items = 0, beneficiaries = 0;
        foreach (var d in lot.Distributions.Where(d => !d.Void))
        {
            items += d.Items;
            beneficiaries += d.Beneficiaries;
        }
        var whole = new Share(grams, items, beneficiaries);
        var scopes = new List<(ImpactScope, Share)> { (ImpactScope.Platform, whole) };
        if (lot.Partner is { } partner && !lot.AllocationVoid)
        {
            scopes.Add((ImpactScope.OfPartner(partner), whole));
        }
        var doors = lot.Sorted && !lot.SortVoid
            ? lot.Pickups.Select(c => _doors.GetValueOrDefault(c)).Where(d => d is { Void: false }).Select(d => d!).ToList()
            : [];
        var pickups = new List<(string, Share, long)>();
        if (doors.Count > 0)
        {
            var total = doors.Sum(d => Math.Max(0, d.Grams));
            long Weight(Door d) => total > 0 ? Math.Max(0, d.Grams) : 1;
            var all = total > 0 ? total : doors.Count;
            var weights = new Dictionary<ImpactScope, long>();
            foreach (var door in doors)
            {
                foreach (var scope in door.Scopes().Where(s => s != ImpactScope.Platform))
                {
                    weights[scope] = weights.GetValueOrDefault(scope) + Weight(door);
                }
                pickups.Add((door.Commitment, whole.Part(Weight(door), all), beneficiaries));
            }
            scopes.AddRange(weights.Select(w => (w.Key, whole.Part(w.Value, all))));
        }
        return new LotContribution(lot.Stream, scopes, pickups);
    }

    private void Apply(LotContribution contribution, int sign)
    {
        foreach (var (scope, share) in contribution.Scopes)
        {
            TallyOf(scope).Add(contribution.Stream, share, sign);
        }
        foreach (var (commitment, share, reached) in contribution.Pickups)
        {
            if (!_pickups.TryGetValue(commitment, out var tally))
            {
                _pickups[commitment] = tally = new PickupTally();
            }
            tally.Add(contribution.Stream, share, sign);
            tally.PeopleReached += sign * reached;
            tally.Lots += sign;
        }
    }

    private Tally TallyOf(ImpactScope scope)
    {
        if (!_tallies.TryGetValue(scope, out var tally))
        {
            _tallies[scope] = tally = new Tally();
            if (scope.Kind is not ScopeKind.Platform and not ScopeKind.Campaign)
            {
                if (!_children.TryGetValue((scope.Campaign, scope.Kind), out var list))
                {
                    _children[(scope.Campaign, scope.Kind)] = list = [];
                }
                list.Add(scope);
            }
        }
        return tally;
    }

    private LotState? LotOf(JsonElement entry)
    {
        if (Id(entry, "lot") is not { } id)
        {
            return null;
        }
        if (!_lots.TryGetValue(id, out var lot))
        {
            _lots[id] = lot = new LotState();
        }
        return lot;
    }

    private static bool TryStream(string name, out LotStream stream)
    {
        stream = name switch { "reuse" => LotStream.Reuse, "recycle" => LotStream.Recycle, "waste" => LotStream.Waste, _ => (LotStream)(-1) };
        return (int)stream >= 0;
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Integer(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static Guid? Id(JsonElement entry, string name) =>
        Text(entry, name) is { } text && Guid.TryParseExact(text, "D", out var id) ? id : null;

    /// <summary>A part of a lot: grams rounded half to even, counts to 1/10,000.</summary>
    private readonly record struct Share(long Grams, decimal Items, decimal Beneficiaries)
    {
        public Share Part(long weight, long of) => new(
            (long)Math.Round((decimal)((Int128)Grams * weight) / of, MidpointRounding.ToEven),
            Math.Round(Items * weight / of, ShareDecimals, MidpointRounding.ToEven),
            Math.Round(Beneficiaries * weight / of, ShareDecimals, MidpointRounding.ToEven));
    }

    private sealed record LotContribution(LotStream Stream, List<(ImpactScope Scope, Share Share)> Scopes,
        List<(string Commitment, Share Share, long Reached)> Pickups);

    private sealed class Door(string commitment, string city, string? district, Guid? campaign, Guid? team, DateOnly day)
    {
        public string Commitment => commitment;
        public DateOnly Day => day;
        public long Bags { get; set; }
        public long Grams { get; set; }
        public bool Void { get; set; }

        public IEnumerable<ImpactScope> Scopes()
        {
            foreach (var c in campaign is { } id ? new Guid?[] { null, id } : [null])
            {
                yield return c is { } k ? ImpactScope.OfCampaign(k) : ImpactScope.Platform;
                yield return ImpactScope.OfCity(city, c);
                if (district is not null)
                {
                    yield return ImpactScope.OfDistrict(city, district, c);
                }
                if (team is { } t)
                {
                    yield return ImpactScope.OfTeam(t, c);
                }
            }
        }
    }

    private sealed class LotState
    {
        public bool Sorted { get; set; }
        public bool SortVoid { get; set; }
        public LotStream Stream { get; set; }
        public long Grams { get; set; }
        public string[] Pickups { get; set; } = [];
        public Guid? Partner { get; set; }
        public bool AllocationVoid { get; set; }
        public List<Distribution> Distributions { get; } = [];
        public LotContribution? Applied { get; set; }
    }

    private sealed record SortRef(LotState Lot);

    private sealed record AllocationRef(LotState Lot);

    private sealed class Distribution(LotState lot, long items, long beneficiaries)
    {
        public LotState Lot => lot;
        public long Items { get; set; } = items;
        public long Beneficiaries { get; set; } = beneficiaries;
        public bool Void { get; set; }
    }

    private class StreamTally
    {
        public long ReuseGrams { get; set; }
        public long RecycleGrams { get; set; }
        public long WasteGrams { get; set; }
        public decimal Items { get; set; }
        public decimal Beneficiaries { get; set; }

        public void Add(LotStream stream, Share share, int sign)
        {
            switch (stream)
            {
                case LotStream.Reuse:
                    ReuseGrams += sign * share.Grams;
                    break;
                case LotStream.Recycle:
                    RecycleGrams += sign * share.Grams;
                    break;
                default:
                    WasteGrams += sign * share.Grams;
                    break;
            }
            Items += sign * share.Items;
            Beneficiaries += sign * share.Beneficiaries;
        }
    }

    private sealed class Tally : StreamTally
    {
        public long Pickups { get; set; }
        public long Bags { get; set; }
        public long DoorGrams { get; set; }

        public ImpactFigures Figures(FactorTable? factors) =>
            new(Pickups, Bags, DoorGrams, ReuseGrams, RecycleGrams, WasteGrams, Items, Beneficiaries,
                FactorTable.Co2e(factors, ReuseGrams, RecycleGrams, WasteGrams), FactorTable.Water(factors, ReuseGrams, RecycleGrams, WasteGrams));
    }

    private sealed class PickupTally : StreamTally
    {
        public long PeopleReached { get; set; }
        public int Lots { get; set; }

        public PickupImpact Figures(Door door, FactorTable? factors) =>
            new(door.Bags, door.Grams, ReuseGrams, RecycleGrams, WasteGrams, Items, Beneficiaries, PeopleReached, Lots,
                FactorTable.Co2e(factors, ReuseGrams, RecycleGrams, WasteGrams), FactorTable.Water(factors, ReuseGrams, RecycleGrams, WasteGrams));
    }
}

/// <summary>
/// A scope's totals. Grams are whole grams; items and beneficiaries are shares of lots (to 1/10,000);
/// CO2e (grams) and water (litres) follow from the stream grams and the factor table in force.
/// </summary>
public sealed record ImpactFigures(long Pickups, long Bags, long DoorGrams, long ReuseGrams, long RecycleGrams, long WasteGrams,
    decimal Items, decimal Beneficiaries, long Co2eGrams, long WaterLitres)
{
    public long SortedGrams => ReuseGrams + RecycleGrams + WasteGrams;

    public static readonly ImpactFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>A pickup's part in the lots it was sorted into, and the people those lots reached in all.</summary>
public sealed record PickupImpact(long Bags, long DoorGrams, long ReuseGrams, long RecycleGrams, long WasteGrams, decimal Items,
    decimal Beneficiaries, long PeopleReached, int Lots, long Co2eGrams, long WaterLitres)
{
    public long SortedGrams => ReuseGrams + RecycleGrams + WasteGrams;
}

/// <summary>The factor table an <c>impact_factors</c> entry put in force.</summary>
public sealed record FactorTable(int Version, string TableSha256, IReadOnlyDictionary<LotStream, (long Co2eGramsPerKg, long WaterLitresPerKg)> PerKg)
{
    public static FactorTable? Read(JsonElement entry)
    {
        if (entry.TryGetProperty("version", out var v) && v.TryGetInt32(out var version) && entry.TryGetProperty("table", out var t)
            && t.ValueKind == JsonValueKind.String && entry.TryGetProperty("factors", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var perKg = new Dictionary<LotStream, (long, long)>();
            foreach (var row in list.EnumerateArray())
            {
                if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.String
                    && row.TryGetProperty("co2eGramsPerKg", out var c) && c.TryGetInt64(out var co2e)
                    && row.TryGetProperty("waterLitresPerKg", out var w) && w.TryGetInt64(out var water))
                {
                    var stream = s.GetString() switch { "reuse" => LotStream.Reuse, "recycle" => LotStream.Recycle, "waste" => LotStream.Waste, _ => (LotStream?)null };
                    if (stream is { } known)
                    {
                        perKg[known] = (co2e, water);
                    }
                }
            }
            return new FactorTable(version, t.GetString()!, perKg);
        }
        return null;
    }

    /// <summary>Grams of CO2e avoided: Σ grams × g/kg ÷ 1000, rounded half to even once, at the end.</summary>
    public static long Co2e(FactorTable? table, long reuse, long recycle, long waste) => Apply(table, reuse, recycle, waste, f => f.Co2eGramsPerKg);

    public static long Water(FactorTable? table, long reuse, long recycle, long waste) => Apply(table, reuse, recycle, waste, f => f.WaterLitresPerKg);

    private static long Apply(FactorTable? table, long reuse, long recycle, long waste, Func<(long Co2eGramsPerKg, long WaterLitresPerKg), long> pick)
    {
        if (table is null)
        {
            return 0;
        }
        Int128 sum = 0;
        foreach (var (stream, grams) in new[] { (LotStream.Reuse, reuse), (LotStream.Recycle, recycle), (LotStream.Waste, waste) })
        {
            if (table.PerKg.TryGetValue(stream, out var factor))
            {
                sum += (Int128)grams * pick(factor);
            }
        }
        return (long)Math.Round((decimal)sum / 1000m, MidpointRounding.ToEven);
    }
}
