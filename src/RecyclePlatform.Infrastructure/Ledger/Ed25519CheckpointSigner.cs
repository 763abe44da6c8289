using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Infrastructure.Ledger;

/// <summary>
/// Signs checkpoints with Ed25519 (RFC 8032) from BouncyCastle; the key is a 32-byte seed. During a key
/// rotation a second signer, the next key under the same name, adds its signature to every checkpoint.
/// </summary>
internal sealed class Ed25519CheckpointSigner : ICheckpointSigner
{
    private readonly Ed25519PrivateKeyParameters _privateKey;
    private readonly Ed25519CheckpointSigner? _next;

    public Ed25519CheckpointSigner(string keyName, byte[] seed, byte[]? nextSeed = null, string setting = "Ledger:SigningKey")
    {
        if (!SignedNote.IsValidKeyName(keyName))
        {
            throw new InvalidOperationException($"Ledger:Origin '{keyName}' is not a valid key name (no spaces, no '+').");
        }
        if (seed.Length != Ed25519PrivateKeyParameters.KeySize)
        {
            throw new InvalidOperationException($"{setting} must be 32 bytes in base64.");
        }
        KeyName = keyName;
        _privateKey = new Ed25519PrivateKeyParameters(seed);
        PublicKey = _privateKey.GeneratePublicKey().GetEncoded();
        VerifierKey = SignedNote.VerifierKey(keyName, PublicKey);
        _next = nextSeed is null ? null : new Ed25519CheckpointSigner(keyName, nextSeed, setting: "Ledger:NextSigningKey");
    }

    /// <summary>The next key's verifier key while a rotation is under way; null otherwise.</summary>
    public string? NextVerifierKey => _next?.VerifierKey;

    public IReadOnlyList<NoteSignature> SignCheckpoint(string checkpointBody)
    {
        var message = System.Text.Encoding.UTF8.GetBytes(checkpointBody);
        var own = new NoteSignature(KeyName, SignedNote.KeyId(KeyName, PublicKey), Sign(message));
        return _next is null ? [own] : [own, .. _next.SignCheckpoint(checkpointBody)];
    }

    public string KeyName { get; }
    public byte[] PublicKey { get; }
    public string VerifierKey { get; }

    public byte[] Sign(byte[] message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public bool Verify(byte[] message, byte[] signature) => Verify(PublicKey, message, signature);

    /// <summary>An Ed25519 signature check with any public key (a witness's cosignature too).</summary>
    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }
}
