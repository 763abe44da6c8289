using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.LedgerVerifier;

// recycle-ledger-verify: an auditor's check of a RecyclePlatform ledger, from the outside.
//   verify <base-url> [--key <verifier key>] [--state <file>]
//       Downloads the checkpoint, every tile and entry; checks the signature, recomputes the tree and,
//       with --state, checks consistency with the checkpoint saved there on the previous run (then
//       saves the new one). Exit code 0 when everything checks out, 1 on the first mismatch, 2 on misuse.
//   new-key [--origin <name>]
//       Prints a new Ed25519 signing seed (for Ledger:SigningKey) and its verifier key.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: recycle-ledger-verify verify <base-url> [--key <verifier key>] [--state <file>]");
    Console.WriteLine("       recycle-ledger-verify new-key [--origin <name>]");
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

if (args[0] != "verify" || args.Length < 2 || !Uri.TryCreate(args[1].TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl))
{
    Console.Error.WriteLine("usage: recycle-ledger-verify verify <base-url> [--key <verifier key>] [--state <file>]");
    return 2;
}

var statePath = Option("--state");
var saved = statePath is not null && File.Exists(statePath) ? await File.ReadAllTextAsync(statePath) : null;
using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
var started = System.Diagnostics.Stopwatch.StartNew();
var result = await new LogVerifier(http, Console.Out).VerifyAsync(Option("--key"), saved, CancellationToken.None);
Console.WriteLine($"{result.Message} ({started.Elapsed.TotalSeconds:0.00} s)");
if (result.Ok && statePath is not null)
{
    await File.WriteAllTextAsync(statePath, result.CheckpointNote);
    Console.WriteLine($"saved the checkpoint to {statePath} for the next run's consistency check");
}
return result.Ok ? 0 : 1;
