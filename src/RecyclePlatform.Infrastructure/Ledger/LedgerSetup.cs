using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;

namespace RecyclePlatform.Infrastructure.Ledger;

public static class LedgerSetup
{
    public const string DefaultOrigin = "recycleplatform.local/ledger";

    /// <summary>
    /// A log's origin names where it lives (C2SP tlog-checkpoint): "host/path/ledger" of the public base
    /// URL when one is configured, e.g. https://recycle.example.org → recycle.example.org/ledger.
    /// </summary>
    public static string OriginFor(string? publicBaseUrl)
    {
        if (string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            return DefaultOrigin;
        }
        if (!Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException("PublicBaseUrl must be an absolute http(s) URL, e.g. https://recycle.example.org.");
        }
        return $"{url.Host}{url.AbsolutePath.TrimEnd('/')}/ledger";
    }

    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Ledger");
        var options = new LedgerOptions(
            BatchSize: Positive(section, "BatchSize", 1000),
            PollInterval: TimeSpan.FromMilliseconds(Positive(section, "PollMilliseconds", 200)),
            CheckpointInterval: TimeSpan.FromMilliseconds(Positive(section, "CheckpointMilliseconds", 1000)),
            AuditInterval: TimeSpan.FromMinutes(Positive(section, "AuditMinutes", 5)),
            FullAuditInterval: TimeSpan.FromHours(Positive(section, "FullAuditHours", 24)),
            SequencerEnabled: Flag(section, "SequencerEnabled"),
            AuditEnabled: Flag(section, "AuditEnabled"));
        services.AddSingleton(options);
        var origin = section["Origin"] is { Length: > 0 } o ? o : OriginFor(configuration["PublicBaseUrl"]);
        var seed = SigningSeed(section["SigningKey"], environment);
        var next = section["NextSigningKey"] is { Length: > 0 } text ? Seed(text, "Ledger:NextSigningKey") : null;
        services.AddSingleton<ICheckpointSigner>(new Ed25519CheckpointSigner(origin, seed, next));
        services.AddScoped<IAdvisoryLocks, AdvisoryLocks>();
        services.AddScoped<IDonorSalts, DonorSalts>();
        services.AddScoped<ILedgerTiles, LedgerTiles>();
        var cacheMegabytes = section["TileCacheMegabytes"] == "0" ? 0 : Positive(section, "TileCacheMegabytes", 256);
        services.AddSingleton(new FullTileCache(cacheMegabytes * 1024L * 1024));
        services.AddSingleton(Witnesses(section));
        services.AddSingleton<IWitnessClient, HttpWitnessClient>();
        services.AddSingleton<LedgerHealth>();
        services.AddHealthChecks().AddCheck<LedgerHealthCheck>("ledger", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Ledger:SigningKey is the base64 32-byte Ed25519 seed. Production must set it (every node the
    /// same). A developer's machine and the tests keep a generated one in App_Data instead.
    /// </summary>
    private static byte[] SigningSeed(string? configured, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Seed(configured, "Ledger:SigningKey");
        }
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException(
                "Ledger:SigningKey is required outside Development: a base64 32-byte Ed25519 seed, the same on every node " +
                "(make one with: dotnet run --project src/RecyclePlatform.LedgerVerifier -- new-key).");
        }
        var file = Path.Combine(environment.ContentRootPath, "App_Data", "ledger-signing.key");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
        }
        catch (IOException) when (File.Exists(file))
        {
            // Made earlier (or by a parallel test process a moment ago): use that one.
        }
        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(file).Trim();
            if (text.Length > 0 || attempt > 20)
            {
                return Convert.FromBase64String(text);
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// Ledger:Witnesses:N:Url and :Key (the witness's verifier key, from its /key), Ledger:WitnessQuorum
    /// (default: all of them), Ledger:WitnessRefreshSeconds (default 300) and Ledger:WitnessPollMilliseconds (default 2000).
    /// </summary>
    private static WitnessOptions Witnesses(IConfigurationSection section)
    {
        var witnesses = new List<WitnessEndpoint>();
        foreach (var witness in section.GetSection("Witnesses").GetChildren())
        {
            var where = $"Ledger:Witnesses:{witness.Key}";
            if (!Uri.TryCreate(witness["Url"]?.TrimEnd('/') + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"{where}:Url must be the witness's absolute http(s) address, e.g. https://witness.example.org.");
            }
            if (!Domain.Ledger.SignedNote.TryParseVerifierKey(witness["Key"] ?? "", out var name, out var key, Domain.Ledger.SignedNote.CosignatureType))
            {
                throw new InvalidOperationException($"{where}:Key must be the witness's verifier key (name+id+base64, from its /key).");
            }
            witnesses.Add(new WitnessEndpoint(url, name, key));
        }
        if (witnesses.Select(w => w.Name).Distinct().Count() != witnesses.Count)
        {
            throw new InvalidOperationException("Ledger:Witnesses names one witness twice.");
        }
        var quorum = section["WitnessQuorum"] is null ? witnesses.Count : Positive(section, "WitnessQuorum", witnesses.Count);
        if (quorum > witnesses.Count)
        {
            throw new InvalidOperationException($"Ledger:WitnessQuorum is {quorum}, but only {witnesses.Count} witness(es) are configured.");
        }
        return new WitnessOptions(witnesses, quorum,
            TimeSpan.FromSeconds(Positive(section, "WitnessRefreshSeconds", 300)),
            TimeSpan.FromMilliseconds(Positive(section, "WitnessPollMilliseconds", 2000)));
    }

    private static byte[] Seed(string text, string setting)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} is not base64; it must be a 32-byte Ed25519 seed in base64.");
        }
    }

    private static int Positive(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"Ledger:{key} is '{text}'; use a whole number above 0.");
    }

    private static bool Flag(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return true;
        }
        return bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"Ledger:{key} is '{text}'; use true or false.");
    }
}
