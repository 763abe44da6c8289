using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RecyclePlatform.Domain.Ledger;

/// <summary>
/// C2SP tlog-cosignature, cosignature/v1: a witness's statement that, at <c>time</c>, this checkpoint
/// is the largest consistent tree it has seen of the log. The signed message is "cosignature/v1",
/// "time &lt;unix seconds&gt;", then the checkpoint body; the signature line carries the 8-byte
/// big-endian timestamp before the 64-byte Ed25519 signature.
/// </summary>
public static class Cosignature
{
    public const int Ed25519SignatureSize = 64;

    public static byte[] Message(string checkpointBody, long timestamp) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n{checkpointBody}");

    public static NoteSignature Line(string witnessName, ReadOnlySpan<byte> witnessKey, long timestamp, ReadOnlySpan<byte> signature)
    {
        var blob = new byte[8 + signature.Length];
        BinaryPrimitives.WriteUInt64BigEndian(blob, (ulong)timestamp);
        signature.CopyTo(blob.AsSpan(8));
        return new NoteSignature(witnessName, SignedNote.KeyId(witnessName, witnessKey, SignedNote.CosignatureType), blob);
    }

    /// <summary>
    /// The time a cosignature line by this witness key claims, when the line is one (name and key id
    /// match, the right length) and <paramref name="verify"/> (message, signature) accepts it.
    /// </summary>
    public static DateTimeOffset? Verify(NoteSignature line, string checkpointBody, string witnessName, ReadOnlySpan<byte> witnessKey,
        Func<byte[], byte[], bool> verify)
    {
        if (line.KeyName != witnessName || line.KeyId != SignedNote.KeyId(witnessName, witnessKey, SignedNote.CosignatureType)
            || line.Signature.Length != 8 + Ed25519SignatureSize)
        {
            return null;
        }
        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(line.Signature);
        if (timestamp > long.MaxValue || (long)timestamp > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }
        return verify(Message(checkpointBody, (long)timestamp), line.Signature[8..])
            ? DateTimeOffset.FromUnixTimeSeconds((long)timestamp)
            : null;
    }
}

/// <summary>
/// The body of a C2SP tlog-witness add-checkpoint request: "old &lt;size&gt;", up to 63 base64 hashes
/// of a consistency proof from that size, an empty line, then the signed checkpoint.
/// </summary>
public sealed record AddCheckpointRequest(long OldSize, IReadOnlyList<byte[]> Proof, string CheckpointNote)
{
    public const int MaxProofLines = 63;

    public string Format()
    {
        var text = new StringBuilder("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Proof)
        {
            text.Append(Convert.ToBase64String(hash)).Append('\n');
        }
        return text.Append('\n').Append(CheckpointNote).ToString();
    }

    public static bool TryParse(string body, out AddCheckpointRequest? request)
    {
        request = null;
        var end = body.IndexOf('\n', StringComparison.Ordinal);
        if (end < 0 || !body.StartsWith("old ", StringComparison.Ordinal)
            || !long.TryParse(body.AsSpan(4, end - 4), NumberStyles.None, CultureInfo.InvariantCulture, out var oldSize)
            || body[4..end] != oldSize.ToString(CultureInfo.InvariantCulture))
        {
            return false;
        }
        var proof = new List<byte[]>();
        var at = end + 1;
        while (true)
        {
            end = body.IndexOf('\n', at);
            if (end < 0)
            {
                return false;
            }
            if (end == at)
            {
                break; // the empty line before the checkpoint
            }
            if (proof.Count == MaxProofLines || !TryHash(body[at..end], out var hash))
            {
                return false;
            }
            proof.Add(hash);
            at = end + 1;
        }
        request = new AddCheckpointRequest(oldSize, proof, body[(end + 1)..]);
        return true;
    }

    private static bool TryHash(string text, out byte[] hash)
    {
        hash = [];
        var buffer = new byte[Merkle.HashSize + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != Merkle.HashSize)
        {
            return false;
        }
        hash = buffer[..Merkle.HashSize];
        return true;
    }
}
