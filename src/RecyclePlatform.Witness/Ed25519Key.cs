using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace RecyclePlatform.Witness;

/// <summary>Ed25519 (RFC 8032) from BouncyCastle: the witness's own key, and checks with the logs' public keys.</summary>
public sealed class Ed25519Key
{
    private readonly Ed25519PrivateKeyParameters _privateKey;

    public Ed25519Key(byte[] seed)
    {
        if (seed.Length != Ed25519PrivateKeyParameters.KeySize)
        {
            throw new InvalidOperationException("Witness:SigningKey must be a 32-byte Ed25519 seed in base64.");
        }
        _privateKey = new Ed25519PrivateKeyParameters(seed);
        PublicKey = _privateKey.GeneratePublicKey().GetEncoded();
    }

    public byte[] PublicKey { get; }

    public byte[] Sign(byte[] message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (publicKey.Length != Ed25519PublicKeyParameters.KeySize || signature.Length != Ed25519PrivateKeyParameters.SignatureSize)
        {
            return false;
        }
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }
}
