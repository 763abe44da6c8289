using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Tests;

/// <summary>
/// A small transparency log in memory, signed with its own Ed25519 key: what a test needs to show a
/// witness honest growth, a fork or a rollback. Built on the Domain's tree code and BouncyCastle.
/// </summary>
public sealed class TestLog(string origin, byte[]? seed = null)
{
    private readonly Ed25519PrivateKeyParameters _key = new(seed ?? RandomNumberGenerator.GetBytes(32));
    private readonly List<byte[]> _leaves = [];

    public string Origin { get; } = origin;
    public byte[] PublicKey => _key.GeneratePublicKey().GetEncoded();
    public string VerifierKey => SignedNote.VerifierKey(Origin, PublicKey);
    public long Size => _leaves.Count;

    public TestLog Append(int count, string tag = "entry")
    {
        for (var i = 0; i < count; i++)
        {
            _leaves.Add(Merkle.LeafHash(Encoding.UTF8.GetBytes($"{tag} {_leaves.Count}")));
        }
        return this;
    }

    /// <summary>The same log up to <paramref name="size"/>, ready to grow differently: a fork.</summary>
    public TestLog Fork(long size, byte[] seed)
    {
        var fork = new TestLog(Origin, seed);
        fork._leaves.AddRange(_leaves.Take((int)size));
        return fork;
    }

    public byte[] Root(long size) => size == 0 ? Merkle.EmptyRoot : Merkle.RootFromLeafHashes(_leaves.Take((int)size).ToList());

    public string CheckpointBody(long size) => new Checkpoint(Origin, size, Root(size)).Body;

    public string SignedCheckpoint(long? size = null)
    {
        var body = CheckpointBody(size ?? Size);
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        var message = Encoding.UTF8.GetBytes(body);
        signer.BlockUpdate(message, 0, message.Length);
        return SignedNote.Format(body, [new NoteSignature(Origin, SignedNote.KeyId(Origin, PublicKey), signer.GenerateSignature())]);
    }

    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize) =>
        oldSize == 0 || oldSize >= newSize
            ? []
            : [.. Merkle.ConsistencyProofRanges(oldSize, newSize).Select(r => Merkle.RootFromLeafHashes(_leaves.Skip((int)r.Start).Take((int)r.Size).ToList()))];

    /// <summary>A well-formed add-checkpoint body from <paramref name="oldSize"/> to the current size.</summary>
    public string AddCheckpointBody(long oldSize, long? size = null) =>
        new AddCheckpointRequest(oldSize, ConsistencyProof(oldSize, size ?? Size), SignedCheckpoint(size)).Format();

    /// <summary>Ed25519 verification from BouncyCastle, for cosignatures.</summary>
    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }
}
