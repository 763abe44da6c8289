using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>
/// Property-based tests of the whole API boundary: for every operation in the OpenAPI document, as
/// every role and anonymously, FsCheck sends generated requests (odd strings, NUL, emoji, far dates,
/// huge numbers, nulls, wrong types, missing and extra fields, garbage ids) and the answer is never a
/// 5xx, and every error under /api is a problem document.
/// </summary>
public sealed class ApiBoundaryProperties(RecycleWebFactory app) : IClassFixture<RecycleWebFactory>
{
    /// <summary>Operations left out: they end the caller's own session or change its password, which the generated calls would then lose.</summary>
    private static readonly string[] Skipped = ["/api/v1/auth/logout", "/api/v1/auth/manage/info", "/api/v1/auth/manage/2fa"];

    private static readonly string[] Odd =
    [
        "", " ", "\u0000", "a\u0000b", "😀🎉", "👩‍👩‍👧", "\uD800", "null", "true", "-1", "0", "1.5", "1e309", "NaN",
        "9999-12-31", "0001-01-01", "2026-02-30", "30.11.2026", "12:00", "25:61", "'; DROP TABLE pickups; --", "<script>alert(1)</script>",
        "../../etc/passwd", "%00", "%ZZ", "\r\nX-Injected: 1", "ＡＢＣ", "朝阳区", "@", "a@b", "x@example.org", new string('x', 300),
        "7KQ2-M4XZ-R", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ];

    private static readonly string[] Numbers = ["0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "1e308", "-0.0", "0.5", "9007199254740993"];

    private static Gen<string> Text() =>
        Gen.OneOf(Gen.Elements(Odd), ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""), Gen.Constant(Guid.NewGuid().ToString()),
            Gen.Choose(1, 3).Select(n => new string('長', n * 40_000)));

    private static Gen<JsonNode?> Value(int depth) =>
        depth <= 0
            ? Scalar()
            : Gen.OneOf(Scalar(), Scalar(), Scalar(),
                Gen.ListOf(Value(depth - 1), 0).Select(items => (JsonNode?)new JsonArray([.. items.Take(5)])),
                Gen.ListOf(Gen.Elements("a", "id", "email", "labels", "date").Zip(Value(depth - 1)), 0)
                    .Select(pairs => (JsonNode?)Object(pairs.Take(4))));

    private static Gen<JsonNode?> Scalar() =>
        Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Elements(Numbers).Select(n => JsonNode.Parse(n)),
            Text().Select(s => (JsonNode?)JsonValue.Create(s)));

    private static JsonObject Object(IEnumerable<(string Name, JsonNode? Value)> fields)
    {
        var json = new JsonObject();
        foreach (var (name, value) in fields)
        {
            json[name] = value;
        }
        return json;
    }

    /// <summary>A body for an operation: its schema's properties, each present with a generated value or left out, and now and then something that is not an object at all.</summary>
    private static Gen<string?> Body(IReadOnlyList<string> properties) =>
        Gen.Frequency(
            (8, Gen.ListOf(Gen.Elements(true, false).Zip(Value(2)), properties.Count).Select(values =>
                (string?)Object(properties.Zip(values).Where(p => p.Second.Item1).Select(p => (p.First, p.Second.Item2))).ToJsonString())),
            (1, Value(2).Select(v => (string?)(v?.ToJsonString() ?? "null"))),
            (1, Gen.Elements<string?>(null, "", "{", "[1,2", "{\"a\":\u0001}", "\"\\u0000\"", "{\"x\":" + new string('[', 300) + new string(']', 300) + "}")));

    private sealed record Operation(string Method, string Path, IReadOnlyList<string> Query, IReadOnlyList<string> Properties, bool Csv);

    private sealed record Case(Operation Operation, string Role, IReadOnlyList<string> PathValues, IReadOnlyList<string> QueryValues, string? Body);

    private async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var schemas = document["components"]?["schemas"];
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (Skipped.Contains(path))
            {
                continue;
            }
            foreach (var (method, operation) in item!.AsObject())
            {
                var query = operation!["parameters"]?.AsArray().Where(p => (string?)p!["in"] == "query").Select(p => (string)p!["name"]!).ToList() ?? [];
                var content = operation["requestBody"]?["content"]?.AsObject();
                var schema = content?.FirstOrDefault().Value?["schema"];
                if (schema?["$ref"] is { } reference)
                {
                    schema = schemas?[((string)reference!).Split('/')[^1]];
                }
                var properties = schema?["properties"]?.AsObject().Select(p => p.Key).ToList() ?? [];
                operations.Add(new Operation(method.ToUpperInvariant(), path, query, properties,
                    content?.Any(c => c.Key.Contains("csv", StringComparison.Ordinal)) == true || path.Contains("/import/", StringComparison.Ordinal)));
            }
        }
        return operations;
    }

    [Fact]
    public async Task NoGeneratedRequest_ToAnyOperation_AsAnyRole_GetsA5xx_AndEveryErrorIsAProblem()
    {
        var operations = await OperationsAsync();
        operations.Count.ShouldBeGreaterThan(40);
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = app.CreateClient() };
        foreach (var role in Roles.All)
        {
            clients[role] = await DemoData.ApiClientAsync(app, role);
        }
        var failures = new List<string>();

        foreach (var operation in operations)
        {
            var segments = operation.Path.Split('/').Count(s => s.StartsWith('{'));
            var cases = Gen.Elements(clients.Keys.ToArray()).SelectMany(role =>
                    Gen.ListOf(Text(), segments).SelectMany(pathValues =>
                        Gen.ListOf(Text(), operation.Query.Count).SelectMany(queryValues =>
                            (operation.Csv ? Text().Select(t => (string?)("date,window_start,district\n" + t)) : Body(operation.Properties))
                                .Select(body => new Case(operation, role, [.. pathValues], [.. queryValues], body)))));
            var property = Prop.ForAll(cases.ToArbitrary(), c =>
            {
                int status;
                bool problem;
                string what;
                try
                {
                    (status, problem, what) = SendAsync(clients[c.Role], c).GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    lock (failures)
                    {
                        failures.Add($"{c.Operation.Method} {c.Operation.Path} as {c.Role} ({string.Join(", ", c.PathValues.Select(Shorten))}; {string.Join(", ", c.QueryValues.Select(Shorten))}; body {Shorten(c.Body ?? "(none)")}): {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                    }
                    return false;
                }
                var ok = status < 500 && (status < 400 || problem);
                if (!ok)
                {
                    lock (failures)
                    {
                        failures.Add($"{what} as {c.Role} → {status}{(problem ? "" : " without a problem body")}");
                    }
                }
                return ok;
            });
            try
            {
                Check.One(Config.QuickThrowOnFailure.WithMaxTest(25).WithQuietOnSuccess(true), property);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Keep going: one report of every operation that failed, each with FsCheck's shrunk case.
                failures.Add($"{operation.Method} {operation.Path}: {ex.Message.Split('\n').FirstOrDefault(l => l.Contains("Falsifiable", StringComparison.Ordinal) || l.Length > 0)}");
            }
        }

        failures.ShouldBeEmpty(string.Join('\n', failures.Distinct().Take(40)));
    }

    private static async Task<(int Status, bool Problem, string What)> SendAsync(HttpClient client, Case c)
    {
        // A NUL in the path never reaches the app: Kestrel answers 400 itself (the in-memory test server throws instead).
        var values = new Queue<string>(c.PathValues);
        var path = string.Join('/', c.Operation.Path.Split('/').Select(s => s.StartsWith('{') ? InUrl(values.Dequeue().Replace("\0", "", StringComparison.Ordinal)) : s));
        var query = string.Join('&', c.Operation.Query.Zip(c.QueryValues).Select(q => $"{q.First}={InUrl(q.Second)}"));
        var request = new HttpRequestMessage(new HttpMethod(c.Operation.Method), query.Length > 0 ? $"{path}?{query}" : path);
        if (c.Body is not null && c.Operation.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent(c.Body, Encoding.UTF8, c.Operation.Csv ? "text/csv" : "application/json");
        }
        request.Headers.TryAddWithoutValidation("Idempotency-Key", c.PathValues.Count > 0 && c.PathValues[0] is { Length: > 0 and <= 100 } k ? k : Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var problem = body.Length == 0 || response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        var what = $"{c.Operation.Method} {Shorten(request.RequestUri!.OriginalString)} body {Shorten(c.Body ?? "(none)")}";
        return ((int)response.StatusCode, problem, what);
    }

    /// <summary>As a client can put it in a URL: UTF-8 (a lone surrogate becomes U+FFFD), escaped, and short enough for a request line.</summary>
    private static string InUrl(string value)
    {
        var utf8 = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
        return Uri.EscapeDataString(utf8.Length > 2_000 ? utf8[..2_000] : utf8);
    }

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + $"… ({text.Length} chars)" : text;
}
