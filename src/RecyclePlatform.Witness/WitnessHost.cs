using System.Text;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Witness;

/// <summary>
/// The witness as a web service. Settings (appsettings.json, or environment variables such as
/// Witness__Name):
///   Witness:Name        the witness's key name, e.g. charity.example/witness
///   Witness:SigningKey  its base64 32-byte Ed25519 seed (make one with `new-key`)
///   Witness:Logs:0, :1… the verifier keys of the logs it follows (two for one origin during a key rotation)
///   Witness:StateFile   where it keeps the last cosigned checkpoint of each log (default witness-state.json)
/// </summary>
public static class WitnessHost
{
    /// <summary>A checkpoint with a few signatures and a 63-line proof is about 4 KB.</summary>
    private const int MaxBody = 64 * 1024;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBody);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => Create(builder.Configuration, builder.Environment.ContentRootPath,
            services.GetRequiredService<TimeProvider>()));
        var app = builder.Build();

        app.MapPost("/add-checkpoint", async (HttpRequest request, Witness witness) =>
        {
            string body;
            try
            {
                using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
                body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            }
            catch (Exception ex) when (ex is DecoderFallbackException or BadHttpRequestException)
            {
                return Results.Text("The body must be UTF-8 text of at most 64 KB.\n", "text/plain", statusCode: 400);
            }
            var reply = witness.AddCheckpoint(body);
            return Results.Text(reply.Body, reply.ContentType, Encoding.UTF8, reply.Status);
        });
        app.MapGet("/key", (Witness witness) => Results.Text(witness.VerifierKey + "\n", "text/plain"));
        // What this witness has seen: anyone can compare it with what the log shows them.
        app.MapGet("/", (Witness witness) =>
        {
            var seenNow = witness.Seen;
            return Results.Ok(new
            {
                name = witness.Name,
                verifierKey = witness.VerifierKey,
                logs = witness.Origins.Select(o => seenNow.TryGetValue(o, out var seen)
                    ? new { origin = o, size = (long?)seen.Size, rootHash = Convert.ToBase64String(seen.RootHash), cosignedAt = (DateTimeOffset?)seen.CosignedAt }
                    : new { origin = o, size = (long?)null, rootHash = (string)null!, cosignedAt = (DateTimeOffset?)null }),
            });
        });
        return app;
    }

    public static Witness Create(IConfiguration configuration, string contentRoot, TimeProvider time)
    {
        var section = configuration.GetSection("Witness");
        var name = section["Name"] is { Length: > 0 } n ? n : throw new InvalidOperationException("Witness:Name is required, e.g. charity.example/witness.");
        byte[] seed;
        try
        {
            seed = Convert.FromBase64String(section["SigningKey"] ?? "");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Witness:SigningKey is not base64; make one with: recycle-witness new-key --name <name>.");
        }
        var logs = new List<TrustedLog>();
        foreach (var text in section.GetSection("Logs").GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            if (!SignedNote.TryParseVerifierKey(text!, out var origin, out var key))
            {
                throw new InvalidOperationException($"Witness:Logs holds '{text}', which is not a log's verifier key (origin+id+base64 key, from the log's /ledger/key).");
            }
            logs.Add(new TrustedLog(origin, key));
        }
        if (logs.Count == 0)
        {
            throw new InvalidOperationException("Witness:Logs is empty: give the verifier key of at least one log (from its /ledger/key).");
        }
        var stateFile = section["StateFile"] is { Length: > 0 } f ? f : "witness-state.json";
        return new Witness(name, new Ed25519Key(seed), logs, new WitnessState(Path.Combine(contentRoot, stateFile)), time);
    }
}
