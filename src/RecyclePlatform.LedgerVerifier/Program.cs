using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.LedgerVerifier;

// recycle-ledger-verify: an auditor's check of a RecyclePlatform ledger, from the outside.
//   verify <base-url> [--key <verifier key>] [--state <file>]
//          [--witness <witness verifier key>]... [--quorum <k>] [--max-age <minutes>]
//       Downloads the checkpoint, every tile and entry; checks the signature, recomputes the tree and,
//       with --state, checks consistency with the checkpoint saved there on the previous run (then
//       saves the new one). With --witness (one per trusted witness), the checkpoint must also carry
//       cosignatures by at least k of them (default: all) made within the last --max-age minutes
//       (default 60). Exit code 0 when everything checks out, 1 on the first mismatch, 2 on misuse.
//   impact <base-url> [--campaign <slug> | --team <id>] [--key <verifier key>]
//       Recomputes published impact totals (the platform's, or a campaign's) from the log: reads them and
//       the checkpoint size N and root they claim, verifies the whole log as verify does, checks that its
//       first N entries give that root, folds them with the app's own ImpactFold and compares every
//       figure (totals, cities, districts, teams, partners, days), and checks each factor table's SHA-256
//       against its impact_factors entry. Exit code 0 when all match, 1 on a difference, 2 on misuse.
//   new-key [--origin <name>]
//       Prints a new Ed25519 signing seed (for Ledger:SigningKey) and its verifier key.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

if (args[0] == "new-key")
{
    var origin = Option("--origin") ?? "recycleplatform.local/ledger";
    var seed = RandomNumberGenerator.GetBytes(32);
    var publicKey = new Ed25519PrivateKeyParameters(seed).GeneratePublicKey().GetEncoded();
    Console.WriteLine($"Ledger__SigningKey={Convert.ToBase64String(seed)}");
    Console.WriteLine($"Ledger__Origin={origin}");
    Console.WriteLine($"verifier key: {SignedNote.VerifierKey(origin, publicKey)}");
    return 0;
}

if (args[0] is not ("verify" or "impact") || args.Length < 2 || !Uri.TryCreate(args[1].TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

if (args[0] == "impact")
{
    if (Option("--team") is { } teamText && !Guid.TryParse(teamText, out _))
    {
        Console.Error.WriteLine($"--team '{teamText}' is not a team's id (a UUID, from the team's page).");
        return 2;
    }
    return await CheckImpactAsync(baseUrl, Option("--campaign"), Option("--team") is { } team ? Guid.Parse(team) : null, Option("--key"));
}

WitnessPolicy? policy = null;
var witnessKeys = args.Select((a, i) => (a, i)).Where(p => p.a == "--witness" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList();
if (witnessKeys.Count > 0)
{
    var trusted = new List<TrustedWitness>();
    foreach (var text in witnessKeys)
    {
        if (!SignedNote.TryParseVerifierKey(text, out var name, out var key, SignedNote.CosignatureType))
        {
            Console.Error.WriteLine($"--witness '{text}' is not a witness's verifier key (name+id+base64, type 0x04, from the witness's /key).");
            return 2;
        }
        trusted.Add(new TrustedWitness(name, key));
    }
    // Defaults: every witness given, cosigned within the last hour.
    var quorum = trusted.Count;
    var maxAge = 60.0;
    if ((Option("--quorum") is { } quorumText && (!int.TryParse(quorumText, System.Globalization.CultureInfo.InvariantCulture, out quorum) || quorum < 1 || quorum > trusted.Count))
        || (Option("--max-age") is { } ageText && (!double.TryParse(ageText, System.Globalization.CultureInfo.InvariantCulture, out maxAge) || maxAge <= 0)))
    {
        Console.Error.WriteLine($"--quorum must be between 1 and the {trusted.Count} witness(es) given; --max-age a number of minutes above 0.");
        return 2;
    }
    policy = new WitnessPolicy(trusted, quorum, TimeSpan.FromMinutes(maxAge), DateTimeOffset.UtcNow);
}

var statePath = Option("--state");
var saved = statePath is not null && File.Exists(statePath) ? await File.ReadAllTextAsync(statePath) : null;
using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
var started = System.Diagnostics.Stopwatch.StartNew();
var result = await new LogVerifier(http, Console.Out).VerifyAsync(Option("--key"), saved, CancellationToken.None, policy);
Console.WriteLine($"{result.Message} ({started.Elapsed.TotalSeconds:0.00} s)");
if (result.Ok && statePath is not null)
{
    await File.WriteAllTextAsync(statePath, result.CheckpointNote);
    Console.WriteLine($"saved the checkpoint to {statePath} for the next run's consistency check");
}
return result.Ok ? 0 : 1;

internal static partial class Program
{
    private const string Usage = """
        usage: recycle-ledger-verify verify <base-url> [--key <verifier key>] [--state <file>] [--witness <key>]... [--quorum <k>] [--max-age <minutes>]
               recycle-ledger-verify impact <base-url> [--campaign <slug> | --team <id>] [--key <verifier key>]
               recycle-ledger-verify new-key [--origin <name>]
        """;

    private static async Task<int> CheckImpactAsync(Uri baseUrl, string? campaign, Guid? team, string? key)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        var verifier = new ImpactVerifier(http, Console.Out);
        var started = System.Diagnostics.Stopwatch.StartNew();
        string published;
        try
        {
            published = team is { } id ? await verifier.PublishedTeamAsync(id, CancellationToken.None) : await verifier.PublishedAsync(campaign, CancellationToken.None);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        try
        {
            var result = await verifier.CheckAsync(published, key, CancellationToken.None);
            Console.WriteLine($"({started.Elapsed.TotalSeconds:0.00} s)");
            return result.Ok ? 0 : 1;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Console.WriteLine($"MISMATCH: the published totals are not in the documented shape ({e.Message}).");
            return 1;
        }
    }
}
