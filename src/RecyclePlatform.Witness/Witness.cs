using System.Text;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Witness;

/// <summary>A log the witness follows: its origin (the key's name) and one of its public keys.</summary>
public sealed record TrustedLog(string Origin, byte[] PublicKey);

/// <summary>The answer to an add-checkpoint request: HTTP status, body and content type.</summary>
public sealed record WitnessReply(int Status, string Body, string ContentType = "text/plain; charset=utf-8");

/// <summary>
/// C2SP tlog-witness: cosigns a log's checkpoint only when it verifies with a key the witness trusts
/// for that origin and a consistency proof leads to it from the last checkpoint the witness cosigned.
/// So a log cannot show the witness a tree that forks from, or rolls back, what it showed before; and
/// the timestamp on each cosignature shows how fresh the log's view is.
/// Check and update happen under one lock and the state is on disk before the cosignature leaves,
/// so two racing requests can never roll the witness's view back.
/// </summary>
public sealed class Witness
{
    private readonly Ed25519Key _key;
    private readonly ILookup<string, byte[]> _logs;
    private readonly WitnessState _state;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SeenCheckpoint> _seen;
    private readonly Lock _gate = new();

    public Witness(string name, Ed25519Key key, IEnumerable<TrustedLog> logs, WitnessState state, TimeProvider time)
    {
        if (!SignedNote.IsValidKeyName(name))
        {
            throw new InvalidOperationException($"Witness:Name '{name}' is not a valid key name (no spaces, no '+').");
        }
        Name = name;
        _key = key;
        _logs = logs.ToLookup(l => l.Origin, l => l.PublicKey, StringComparer.Ordinal);
        _state = state;
        _time = time;
        _seen = state.Load();
        VerifierKey = SignedNote.VerifierKey(name, key.PublicKey, SignedNote.CosignatureType);
    }

    public string Name { get; }

    /// <summary>"name+id+base64(0x04 ‖ key)": what a log and its verifiers configure to trust this witness.</summary>
    public string VerifierKey { get; }

    public IReadOnlyList<string> Origins => [.. _logs.Select(l => l.Key)];

    public IReadOnlyDictionary<string, SeenCheckpoint> Seen
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, SeenCheckpoint>(_seen);
            }
        }
    }

    public WitnessReply AddCheckpoint(string body)
    {
        if (!AddCheckpointRequest.TryParse(body, out var request)
            || !SignedNote.TryParse(request!.CheckpointNote, out var text, out var signatures)
            || !Checkpoint.TryParse(text, out var checkpoint))
        {
            return new WitnessReply(400, "The body is not an old size line, a consistency proof and a signed checkpoint.\n");
        }
        var keys = _logs[checkpoint!.Origin].ToList();
        if (keys.Count == 0)
        {
            return new WitnessReply(404, "This witness does not follow that log.\n");
        }
        var message = Encoding.UTF8.GetBytes(text);
        var signedByLog = signatures.Any(s => s.KeyName == checkpoint.Origin && keys.Any(k =>
            s.KeyId == SignedNote.KeyId(checkpoint.Origin, k) && Ed25519Key.Verify(k, message, s.Signature)));
        if (!signedByLog)
        {
            return new WitnessReply(403, "No signature on the checkpoint verifies with a key this witness trusts for the log.\n");
        }
        if (request.OldSize > checkpoint.Size)
        {
            return new WitnessReply(400, "The old size is larger than the checkpoint's size.\n");
        }
        lock (_gate)
        {
            var seen = _seen.GetValueOrDefault(checkpoint.Origin);
            var seenSize = seen?.Size ?? 0;
            if (request.OldSize != seenSize)
            {
                return new WitnessReply(409, $"{seenSize}\n", "text/x.tlog.size");
            }
            if (seen is { Size: > 0 } && checkpoint.Size == seen.Size)
            {
                if (!checkpoint.RootHash.AsSpan().SequenceEqual(seen.RootHash) || request.Proof.Count > 0)
                {
                    return new WitnessReply(409, "The log showed this witness another tree of the same size.\n");
                }
            }
            else if (seen is null or { Size: 0 } ? request.Proof.Count > 0 : !Merkle.VerifyConsistency(seen.Size, checkpoint.Size, seen.RootHash, checkpoint.RootHash, request.Proof))
            {
                return new WitnessReply(422, "The consistency proof does not lead from the checkpoint this witness cosigned last to this one.\n");
            }
            var now = _time.GetUtcNow();
            var timestamp = now.ToUnixTimeSeconds();
            var next = new Dictionary<string, SeenCheckpoint>(_seen, StringComparer.Ordinal)
            {
                [checkpoint.Origin] = new SeenCheckpoint(checkpoint.Size, checkpoint.RootHash, now),
            };
            _state.Save(next); // on disk before memory, and before the cosignature leaves
            _seen[checkpoint.Origin] = next[checkpoint.Origin];
            var signature = _key.Sign(Cosignature.Message(text, timestamp));
            return new WitnessReply(200, SignedNote.FormatLine(Cosignature.Line(Name, _key.PublicKey, timestamp, signature)));
        }
    }
}
