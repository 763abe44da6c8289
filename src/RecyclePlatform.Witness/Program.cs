using System.Security.Cryptography;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Witness;

/// <summary>
/// recycle-witness: cosigns a RecyclePlatform ledger's checkpoints (C2SP tlog-witness), see docs/ledger.md.
///   recycle-witness                      runs the service (settings in <see cref="WitnessHost"/>)
///   recycle-witness new-key --name &lt;n&gt;   prints a new signing seed and the verifier key to give the log
/// </summary>
public static class WitnessProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "new-key")
        {
            var at = Array.IndexOf(args, "--name");
            var name = at >= 0 && at + 1 < args.Length ? args[at + 1] : "witness.example/w1";
            var seed = RandomNumberGenerator.GetBytes(32);
            var key = new Ed25519Key(seed);
            Console.WriteLine($"Witness__Name={name}");
            Console.WriteLine($"Witness__SigningKey={Convert.ToBase64String(seed)}");
            Console.WriteLine($"verifier key (give it to the log and to verifiers): {SignedNote.VerifierKey(name, key.PublicKey, SignedNote.CosignatureType)}");
            return 0;
        }
        var app = WitnessHost.Build(args);
        app.Services.GetRequiredService<Witness>(); // a bad setting stops the start, naming it
        await app.RunAsync();
        return 0;
    }
}
