using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RecyclePlatform.Domain.Ledger;

/// <summary>A C2SP tlog-checkpoint body: origin, tree size and root hash, one per line.</summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash)
{
    public string Body => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n";

    public static bool TryParse(string body, out Checkpoint? checkpoint)
    {
        checkpoint = null;
        var lines = body.Split('\n');
        // origin, size, hash, then optional extension lines, then the empty string after the final newline
        if (lines.Length < 4 || lines[^1].Length != 0 || lines[0].Length == 0
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || lines[1] != size.ToString(CultureInfo.InvariantCulture))
        {
            return false;
        }
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            return false;
        }
        if (root.Length != Merkle.HashSize)
        {
            return false;
        }
        checkpoint = new Checkpoint(lines[0], size, root);
        return true;
    }
}

/// <summary>Opens signed checkpoints; the Ed25519 check itself is the caller's (the Domain holds no crypto library).</summary>
public static class SignedCheckpoints
{
    /// <summary>
    /// The checkpoint inside <paramref name="note"/> when the note is well formed, names the key as its origin,
    /// and carries a signature by that key that <paramref name="verify"/> (message, signature) accepts; null otherwise.
    /// </summary>
    public static Checkpoint? Open(string note, string keyName, ReadOnlySpan<byte> publicKey, Func<byte[], byte[], bool> verify)
    {
        if (!SignedNote.TryParse(note, out var text, out var signatures) || !Checkpoint.TryParse(text, out var checkpoint)
            || checkpoint!.Origin != keyName)
        {
            return null;
        }
        var keyId = SignedNote.KeyId(keyName, publicKey);
        var message = Encoding.UTF8.GetBytes(text);
        return signatures.Any(s => s.KeyName == keyName && s.KeyId == keyId && verify(message, s.Signature)) ? checkpoint : null;
    }
}

/// <summary>One signature line of a note: the key's name, its 4-byte id and the signature.</summary>
public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature);

/// <summary>
/// C2SP signed-note: the text, an empty line, then one line per signature,
/// "— name base64(key id ‖ signature)". Ed25519 keys (type 0x01) are identified by the first four
/// bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
/// </summary>
public static class SignedNote
{
    public const byte Ed25519Type = 0x01;

    /// <summary>A witness's timestamped Ed25519 cosignature (C2SP tlog-cosignature, cosignature/v1).</summary>
    public const byte CosignatureType = 0x04;

    private const string SignaturePrefix = "\u2014 ";

    public static uint KeyId(string keyName, ReadOnlySpan<byte> publicKey, byte type = Ed25519Type)
    {
        var name = Encoding.UTF8.GetBytes(keyName);
        var data = new byte[name.Length + 2 + publicKey.Length];
        name.CopyTo(data, 0);
        data[name.Length] = (byte)'\n';
        data[name.Length + 1] = type;
        publicKey.CopyTo(data.AsSpan(name.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(data));
    }

    /// <summary>The verifier key others configure: "name+hex key id+base64(0x01 ‖ public key)".</summary>
    public static string VerifierKey(string keyName, ReadOnlySpan<byte> publicKey, byte type = Ed25519Type)
    {
        var typed = new byte[1 + publicKey.Length];
        typed[0] = type;
        publicKey.CopyTo(typed.AsSpan(1));
        return $"{keyName}+{KeyId(keyName, publicKey, type).ToString("x8", CultureInfo.InvariantCulture)}+{Convert.ToBase64String(typed)}";
    }

    /// <summary>A verifier key of the given type (a log's 0x01, a witness's 0x04); false for any other.</summary>
    public static bool TryParseVerifierKey(string text, out string keyName, out byte[] publicKey, byte type = Ed25519Type)
    {
        keyName = "";
        publicKey = [];
        // The base64 key may itself contain '+': only the first two separate fields.
        var parts = text.Trim().Split('+', 3);
        if (parts.Length != 3 || !IsValidKeyName(parts[0]) || parts[1].Length != 8
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }
        byte[] typed;
        try
        {
            typed = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }
        if (typed.Length != 33 || typed[0] != type || KeyId(parts[0], typed.AsSpan(1), type) != id)
        {
            return false;
        }
        keyName = parts[0];
        publicKey = typed[1..];
        return true;
    }

    /// <summary>Names are non-empty and hold no whitespace and no '+'.</summary>
    public static bool IsValidKeyName(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || c == '+');

    public static string Format(string text, IEnumerable<NoteSignature> signatures)
    {
        if (!text.EndsWith('\n'))
        {
            throw new ArgumentException("A note's text ends with a newline.", nameof(text));
        }
        var builder = new StringBuilder(text).Append('\n');
        foreach (var signature in signatures)
        {
            builder.Append(FormatLine(signature));
        }
        return builder.ToString();
    }

    /// <summary>One signature line, "— name base64(key id ‖ signature)" and its newline.</summary>
    public static string FormatLine(NoteSignature signature)
    {
        var blob = new byte[4 + signature.Signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, signature.KeyId);
        signature.Signature.CopyTo(blob, 4);
        return $"{SignaturePrefix}{signature.KeyName} {Convert.ToBase64String(blob)}\n";
    }

    /// <summary>Splits a note into its signed text and its signature lines; false when it is not a well-formed note.</summary>
    public static bool TryParse(string note, out string text, out IReadOnlyList<NoteSignature> signatures)
    {
        text = "";
        signatures = [];
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            return false;
        }
        text = note[..(split + 1)];
        var found = new List<NoteSignature>();
        foreach (var line in note[(split + 2)..^1].Split('\n'))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                return false;
            }
            var fields = line[SignaturePrefix.Length..].Split(' ');
            if (fields.Length != 2 || !IsValidKeyName(fields[0]))
            {
                return false;
            }
            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(fields[1]);
            }
            catch (FormatException)
            {
                return false;
            }
            if (blob.Length < 5)
            {
                return false;
            }
            found.Add(new NoteSignature(fields[0], BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]));
        }
        signatures = found;
        return found.Count > 0;
    }
}
