using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.LedgerVerifier;

/// <summary>What an impact check found: Ok when every published figure equals the one recomputed from the log.</summary>
public sealed record ImpactCheckResult(bool Ok, string Message, IReadOnlyList<string> Differences);

/// <summary>
/// Recomputes published impact totals from the ledger alone. It reads the totals (the platform's,
/// <c>GET /api/v1/impact</c>, or a campaign's, <c>GET /api/v1/campaigns/{slug}</c>) and the checkpoint they
/// claim (size N, root), verifies the whole log as <see cref="LogVerifier"/> does, checks that the first N
/// entries give the claimed root, folds them with the app's own <see cref="ImpactFold"/>, and compares
/// every figure: totals, each city, district, team and partner line by key, which scopes make each
/// leaderboard, and the days. Each factor table the log put in force must hash to its entry's digest.
/// </summary>
public sealed class ImpactVerifier(HttpClient http, TextWriter log)
{
    /// <summary>Differences printed in full; the rest are counted.</summary>
    private const int Shown = 20;

    /// <summary>How long to wait for a node still folding the log, or for the served checkpoint to reach the totals' size.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<ImpactCheckResult> VerifyAsync(string? campaign, string? verifierKey, CancellationToken ct) =>
        await CheckAsync(await PublishedAsync(campaign, ct), verifierKey, ct);

    /// <summary>
    /// The published totals as served: the JSON of <c>/api/v1/impact</c>, or of <c>/api/v1/campaigns/{slug}</c>
    /// (the campaign and its impact). Waits while the node answers that it is still folding the log.
    /// </summary>
    /// <exception cref="ArgumentException">There is no such campaign.</exception>
    public Task<string> PublishedAsync(string? campaign, CancellationToken ct) =>
        PublishedAsync(campaign is null ? "api/v1/impact" : $"api/v1/campaigns/{Uri.EscapeDataString(campaign)}", campaign, ct);

    /// <summary>A team's published totals (<c>/api/v1/teams/{id}</c>): all time and per campaign.</summary>
    public Task<string> PublishedTeamAsync(Guid team, CancellationToken ct) => PublishedAsync($"api/v1/teams/{team:D}", $"team {team:D}", ct);

    private async Task<string> PublishedAsync(string path, string? campaign, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            using var response = await http.GetAsync(path, ct);
            if (response.StatusCode == HttpStatusCode.NotFound && campaign is not null)
            {
                throw new ArgumentException($"The server has no {(path.Contains("/teams/", StringComparison.Ordinal) ? "" : "campaign ")}'{campaign}'.", nameof(campaign));
            }
            var folding = response.StatusCode == HttpStatusCode.ServiceUnavailable;
            if (!folding)
            {
                response.EnsureSuccessStatusCode();
                var text = await response.Content.ReadAsStringAsync(ct);
                using var json = JsonDocument.Parse(text);
                folding = campaign is not null && (json.RootElement.TryGetProperty("impact", out var impact)
                    ? impact.ValueKind == JsonValueKind.Null
                    : json.RootElement.GetProperty("totals").ValueKind == JsonValueKind.Null);
                if (!folding)
                {
                    return text;
                }
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} still has no totals after {Patience.TotalSeconds:0} s: the server is folding the log.");
            }
            log.WriteLine("the server is still folding the log; asking again in 2 s");
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
    }

    /// <summary>
    /// Checks <paramref name="published"/> (as <see cref="PublishedAsync"/> returns it, or any copy of it)
    /// against the log the server publishes.
    /// </summary>
    public async Task<ImpactCheckResult> CheckAsync(string published, string? verifierKey, CancellationToken ct)
    {
        using var document = JsonDocument.Parse(published);
        var root = document.RootElement;
        Guid? campaign = root.TryGetProperty("campaign", out var c) && c.ValueKind == JsonValueKind.Object ? c.GetProperty("id").GetGuid() : null;
        Guid? team = root.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.Object ? t.GetProperty("id").GetGuid() : null;
        var impact = campaign is null ? root : root.GetProperty("impact");
        if (impact.ValueKind != JsonValueKind.Object)
        {
            return Fail("The published document holds no totals.", []);
        }
        var checkpoint = impact.GetProperty("checkpoint");
        var size = checkpoint.GetProperty("size").GetInt64();
        var claimedRoot = Convert.FromBase64String(checkpoint.GetProperty("rootHash").GetString()!);
        var what = campaign is { } id ? $"campaign {c.GetProperty("slug").GetString()} ({id:D})" : team is { } teamId ? $"team {teamId:D}" : "the platform";
        log.WriteLine($"published: totals of {what} at checkpoint {size}, root {Convert.ToBase64String(claimedRoot)}");

        if (await ServedSizeAsync(size, ct) is { } served && served < size)
        {
            return Fail($"The totals claim a checkpoint of {size} entries, but the log serves one of only {served} (still after {Patience.TotalSeconds:0} s).", []);
        }

        // The whole log is verified as `verify` does; the fold takes the first N entries as they arrive.
        var fold = new ImpactFold();
        var tables = new List<(long Index, int Version, string Sha256)>();
        var reader = new EntryReader(size, (first, bodies) =>
        {
            var take = (int)Math.Clamp(size - first, 0, bodies.Count);
            if (take == 0)
            {
                return;
            }
            var entries = bodies.Take(take).Select((body, i) => (Index: first + i, Body: body)).ToList();
            tables.AddRange(entries.Select(e => FactorsEntry(e.Index, e.Body)).OfType<(long, int, string)>());
            fold.Fold(entries);
        });
        var verified = await new LogVerifier(http, log).VerifyAsync(verifierKey, null, ct, reader: reader);
        if (!verified.Ok)
        {
            return Fail($"The log does not verify, so nothing can be recomputed from it: {verified.Message}", []);
        }
        if (!claimedRoot.AsSpan().SequenceEqual(verified.PrefixRoot))
        {
            return Fail($"The first {size} entries of the verified log give root {Convert.ToBase64String(verified.PrefixRoot!)}, not the {Convert.ToBase64String(claimedRoot)} the totals claim.", []);
        }
        log.WriteLine($"prefix: the first {size} of {verified.TreeSize} entries give the claimed root");

        var differences = new List<string>();
        var matched = new List<string>();
        await CheckFactorTablesAsync(tables, differences, matched, ct);
        CompareFactors(impact, fold.Factors, differences, matched);
        var totals = campaign is { } k ? ImpactScope.OfCampaign(k) : team is { } tm ? ImpactScope.OfTeam(tm) : ImpactScope.Platform;
        var before = differences.Count;
        CompareFigures("totals", impact.GetProperty("totals"), fold.Figures(totals), differences);
        if (differences.Count == before)
        {
            matched.Add("totals");
        }
        if (team is { } member)
        {
            // A team's page: its totals in each campaign it gave to.
            before = differences.Count;
            foreach (var line in impact.GetProperty("campaigns").EnumerateArray())
            {
                var gaveTo = line.GetProperty("campaign").GetGuid();
                CompareFigures($"campaigns[{gaveTo:D}]", line.GetProperty("figures"), fold.Figures(ImpactScope.OfTeam(member, gaveTo)), differences);
            }
            if (differences.Count == before)
            {
                matched.Add($"{impact.GetProperty("campaigns").GetArrayLength()} campaign line(s)");
            }
            return Report(what, size, differences, matched);
        }
        CompareLines("cities", impact, campaign, ScopeKind.City, int.MaxValue, fold, differences, matched);
        CompareLines("districts", impact, campaign, ScopeKind.District, ImpactRanking.Leaders, fold, differences, matched);
        CompareLines("teams", impact, campaign, ScopeKind.Team, ImpactRanking.Leaders, fold, differences, matched);
        CompareLines("partners", impact, campaign, ScopeKind.Partner, campaign is null ? ImpactRanking.Leaders : 0, fold, differences, matched);
        CompareDays(impact.GetProperty("days"), fold.Days(totals), differences, matched);
        return Report(what, size, differences, matched);
    }

    private ImpactCheckResult Report(string what, long size, List<string> differences, List<string> matched)
    {
        log.WriteLine("matched: " + (matched.Count == 0 ? "nothing" : string.Join(", ", matched)));
        if (differences.Count > 0)
        {
            foreach (var difference in differences.Take(Shown))
            {
                log.WriteLine("  differs: " + difference);
            }
            if (differences.Count > Shown)
            {
                log.WriteLine($"  ... and {differences.Count - Shown} more");
            }
            return Fail($"{differences.Count} published figure(s) of {what} differ from the ones recomputed from the first {size} entries; the first: {differences[0]}", differences);
        }
        var message = $"OK: every published figure of {what} equals the one recomputed from the first {size} entries of the verified log.";
        log.WriteLine(message);
        return new ImpactCheckResult(true, message, []);
    }

    /// <summary>The size of the checkpoint the log serves, waiting (up to <see cref="Patience"/>) for it to reach <paramref name="size"/>:
    /// a log with witnesses serves the newest checkpoint they cosigned, which may trail the newest one signed.</summary>
    private async Task<long?> ServedSizeAsync(long size, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var note = await http.GetStringAsync("ledger/checkpoint", ct);
            var lines = note.Split('\n');
            if (lines.Length < 2 || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var served))
            {
                return null; // not a checkpoint: the verification says why
            }
            if (served >= size || DateTimeOffset.UtcNow > deadline)
            {
                return served;
            }
            log.WriteLine($"the log serves a checkpoint of {served} entries, fewer than the totals' {size}; asking again in 2 s");
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
    }

    /// <summary>An <c>impact_factors</c> entry's version and table digest; null for any other entry.</summary>
    private static (long, int, string)? FactorsEntry(long index, byte[] body)
    {
        if (body.AsSpan().IndexOf("\"impact_factors\""u8) < 0)
        {
            return null;
        }
        using var entry = JsonDocument.Parse(body);
        return entry.RootElement.TryGetProperty("kind", out var kind) && kind.ValueEquals("impact_factors")
            && FactorTable.Read(entry.RootElement) is { } table
            ? (index, table.Version, table.TableSha256)
            : null;
    }

    /// <summary>Each table the log put in force must be served as the bytes whose SHA-256 its entry carries.</summary>
    private async Task CheckFactorTablesAsync(List<(long Index, int Version, string Sha256)> tables, List<string> differences, List<string> matched,
        CancellationToken ct)
    {
        foreach (var (index, version, sha256) in tables)
        {
            using var response = await http.GetAsync($"api/v1/impact/factors/{version}", ct);
            if (!response.IsSuccessStatusCode)
            {
                differences.Add($"factor table {version} (entry {index}): the server does not serve it ({(int)response.StatusCode})");
                continue;
            }
            var served = Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync(ct)));
            if (served == sha256)
            {
                matched.Add($"factor table {version} (SHA-256 of entry {index})");
            }
            else
            {
                differences.Add($"factor table {version}: the served document hashes to {served}, entry {index} committed to {sha256}");
            }
        }
    }

    private static void CompareFactors(JsonElement impact, FactorTable? inForce, List<string> differences, List<string> matched)
    {
        var published = impact.TryGetProperty("factors", out var f) && f.ValueKind == JsonValueKind.Object
            ? (f.GetProperty("version").GetInt32(), f.GetProperty("tableSha256").GetString())
            : ((int Version, string? Sha256)?)null;
        var recomputed = inForce is null ? ((int, string?)?)null : (inForce.Version, inForce.TableSha256);
        if (published == recomputed)
        {
            matched.Add(inForce is null ? "factors (none yet)" : $"factors in force (version {inForce.Version})");
        }
        else
        {
            differences.Add($"factors: published {Describe(published)}, the log puts {Describe(recomputed)} in force");
        }
        static string Describe((int Version, string? Sha256)? t) => t is { } v ? $"version {v.Version} ({v.Sha256})" : "none";
    }

    /// <summary>
    /// Each published line against the recomputed scope of its key, and the list against the recomputed one:
    /// the same scopes in the same order (a leaderboard's top <paramref name="count"/>, every city).
    /// </summary>
    private static void CompareLines(string name, JsonElement impact, Guid? campaign, ScopeKind kind, int count, ImpactFold fold,
        List<string> differences, List<string> matched)
    {
        var lines = impact.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        var before = differences.Count;
        var keys = new List<string>();
        foreach (var line in lines)
        {
            var key = line.GetProperty("key").GetString()!;
            keys.Add(key);
            if (Scope(kind, campaign, key) is not { } scope)
            {
                differences.Add($"{name}: '{key}' is not a key of a {kind.ToString().ToLowerInvariant()}");
                continue;
            }
            CompareFigures($"{name}[{key}]", line.GetProperty("figures"), fold.Figures(scope), differences);
        }
        var expected = count == 0 ? [] : ImpactRanking.Top(fold.Breakdown(kind == ScopeKind.Partner ? null : campaign, kind), count).Select(l => l.Scope.Key).ToList();
        if (!keys.SequenceEqual(expected, StringComparer.Ordinal))
        {
            differences.Add($"{name}: published [{string.Join(", ", keys)}], recomputed [{string.Join(", ", expected)}]");
        }
        if (differences.Count == before)
        {
            matched.Add($"{lines.Count} {name}");
        }
    }

    private static ImpactScope? Scope(ScopeKind kind, Guid? campaign, string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return kind switch
        {
            ScopeKind.City => ImpactScope.OfCity(key, campaign),
            ScopeKind.District when slash > 0 => ImpactScope.OfDistrict(key[..slash], key[(slash + 1)..], campaign),
            ScopeKind.Team when Guid.TryParseExact(key, "D", out var team) => ImpactScope.OfTeam(team, campaign),
            ScopeKind.Partner when Guid.TryParseExact(key, "D", out var partner) => ImpactScope.OfPartner(partner),
            _ => null,
        };
    }

    /// <summary>Every figure the recomputed scope has (as the API writes them, camelCase) against the published one, as numbers.</summary>
    private static void CompareFigures(string what, JsonElement published, ImpactFigures recomputed, List<string> differences)
    {
        using var expected = JsonSerializer.SerializeToDocument(recomputed, JsonSerializerOptions.Web);
        foreach (var field in expected.RootElement.EnumerateObject())
        {
            var want = field.Value.GetDecimal();
            if (!published.TryGetProperty(field.Name, out var got) || got.ValueKind != JsonValueKind.Number)
            {
                differences.Add($"{what}.{field.Name}: not published, recomputed {Show(want)}");
            }
            else if (got.GetDecimal() != want)
            {
                differences.Add($"{what}.{field.Name}: published {Show(got.GetDecimal())}, recomputed {Show(want)}");
            }
        }
    }

    private static void CompareDays(JsonElement published, IReadOnlyList<(DateOnly Day, long Grams)> recomputed, List<string> differences, List<string> matched)
    {
        var days = published.EnumerateArray()
            .Select(d => (Day: DateOnly.ParseExact(d.GetProperty("day").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), Grams: d.GetProperty("grams").GetInt64()))
            .ToList();
        if (days.SequenceEqual(recomputed))
        {
            matched.Add($"{days.Count} days");
            return;
        }
        var byDay = recomputed.ToDictionary(d => d.Day, d => d.Grams);
        var shown = days.Select(d => d.Day).Union(byDay.Keys).Order()
            .Select(day => (day, Published: days.Where(d => d.Day == day).Select(d => (long?)d.Grams).FirstOrDefault(), Recomputed: byDay.TryGetValue(day, out var g) ? g : (long?)null))
            .Where(d => d.Published != d.Recomputed)
            .Select(d => $"days[{d.day:yyyy-MM-dd}]: published {d.Published?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}, recomputed {d.Recomputed?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}")
            .ToList();
        differences.AddRange(shown.Count > 0 ? shown : ["days: published in another order than by day"]);
    }

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private ImpactCheckResult Fail(string message, IReadOnlyList<string> differences)
    {
        log.WriteLine("MISMATCH: " + message);
        return new ImpactCheckResult(false, message, differences);
    }
}
