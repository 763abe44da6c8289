using System.Numerics;
using System.Security.Cryptography;

namespace RecyclePlatform.Domain.Ledger;

/// <summary>A subtree of the log: leaves [Start, End). Proofs are lists of these.</summary>
public readonly record struct LeafRange(long Start, long End)
{
    public long Size => End - Start;
}

/// <summary>
/// A perfect subtree of 2^Level leaves starting at leaf Index × 2^Level. These are the only
/// hashes the log stores; every other hash a proof needs is folded from them.
/// </summary>
public readonly record struct TreeNode(int Level, long Index)
{
    /// <summary>One number per node, so that a proof's nodes are read with a single indexed query.</summary>
    public long Key => ((long)Level << KeyIndexBits) | Index;

    public static TreeNode FromKey(long key) => new((int)(key >> KeyIndexBits), key & ((1L << KeyIndexBits) - 1));

    /// <summary>2^40 leaves (a trillion entries) is far beyond any log of ours.</summary>
    public const int KeyIndexBits = 40;
}

/// <summary>
/// The Merkle tree of RFC 9162 §2.1: leaf hash SHA-256(0x00‖entry), node hash
/// SHA-256(0x01‖left‖right), proofs and their verification exactly as the RFC gives them.
/// </summary>
public static class Merkle
{
    public const int HashSize = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        // One-shot hashing of 0x00‖entry: several times faster than an incremental hash per leaf.
        var length = entry.Length + 1;
        var rented = length <= 1024 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        var buffer = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        buffer[0] = 0x00;
        entry.CopyTo(buffer[1..]);
        var hash = SHA256.HashData(buffer);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
        return hash;
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * HashSize];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n &gt; 1): where RFC 9162 splits a tree.</summary>
    public static long SplitPoint(long n) => (long)BitOperations.RoundUpToPowerOf2((ulong)n) >> 1;

    /// <summary>The perfect subtrees that make up a range of the tree, left to right (largest first).</summary>
    public static IReadOnlyList<TreeNode> PerfectSubtrees(LeafRange range)
    {
        var nodes = new List<TreeNode>();
        var start = range.Start;
        var remaining = range.Size;
        while (remaining > 0)
        {
            var level = BitOperations.Log2((ulong)remaining);
            nodes.Add(new TreeNode(level, start >> level));
            start += 1L << level;
            remaining -= 1L << level;
        }
        return nodes;
    }

    /// <summary>
    /// The hash of a range from the hashes of its perfect subtrees (in <see cref="PerfectSubtrees"/>
    /// order): RFC 9162 splits off the largest power of two first, so the fold runs right to left.
    /// </summary>
    public static byte[] FoldRange(IReadOnlyList<byte[]> perfectHashes)
    {
        if (perfectHashes.Count == 0)
        {
            return EmptyRoot;
        }
        var hash = perfectHashes[^1];
        for (var i = perfectHashes.Count - 2; i >= 0; i--)
        {
            hash = NodeHash(perfectHashes[i], hash);
        }
        return hash;
    }

    /// <summary>MTH over leaf hashes held in memory (tests, the verifier, the self-audit).</summary>
    public static byte[] RootFromLeafHashes(IReadOnlyList<byte[]> leafHashes)
    {
        var frontier = new CompactRange();
        foreach (var leaf in leafHashes)
        {
            frontier.Append(leaf);
        }
        return frontier.Root();
    }

    /// <summary>RFC 9162 §2.1.3.1 PATH(m, D[n]) as the ranges whose hashes make the inclusion proof, bottom up.</summary>
    public static IReadOnlyList<LeafRange> InclusionProofRanges(long index, long treeSize)
    {
        if (index < 0 || index >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "The index must be inside the tree.");
        }
        var ranges = new List<LeafRange>();
        Path(index, new LeafRange(0, treeSize), ranges);
        return ranges;
    }

    private static void Path(long m, LeafRange range, List<LeafRange> proof)
    {
        if (range.Size == 1)
        {
            return;
        }
        var k = SplitPoint(range.Size);
        if (m < k)
        {
            Path(m, new LeafRange(range.Start, range.Start + k), proof);
            proof.Add(new LeafRange(range.Start + k, range.End));
        }
        else
        {
            Path(m - k, new LeafRange(range.Start + k, range.End), proof);
            proof.Add(new LeafRange(range.Start, range.Start + k));
        }
    }

    /// <summary>RFC 9162 §2.1.4.1 PROOF(m, D[n]) as ranges; empty when m is 0 or m equals n.</summary>
    public static IReadOnlyList<LeafRange> ConsistencyProofRanges(long oldSize, long newSize)
    {
        if (oldSize < 0 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), "The old size must be between 0 and the new size.");
        }
        var ranges = new List<LeafRange>();
        if (oldSize > 0 && oldSize < newSize)
        {
            SubProof(oldSize, new LeafRange(0, newSize), true, ranges);
        }
        return ranges;
    }

    private static void SubProof(long m, LeafRange range, bool complete, List<LeafRange> proof)
    {
        if (m == range.Size)
        {
            if (!complete)
            {
                proof.Add(range);
            }
            return;
        }
        var k = SplitPoint(range.Size);
        if (m <= k)
        {
            SubProof(m, new LeafRange(range.Start, range.Start + k), complete, proof);
            proof.Add(new LeafRange(range.Start + k, range.End));
        }
        else
        {
            SubProof(m - k, new LeafRange(range.Start + k, range.End), false, proof);
            proof.Add(new LeafRange(range.Start, range.Start + k));
        }
    }

    /// <summary>RFC 9162 §2.1.3.2: does <paramref name="proof"/> put the leaf at <paramref name="index"/> under <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= treeSize || leafHash.Length != HashSize || root.Length != HashSize || proof.Any(p => p.Length != HashSize))
        {
            return false;
        }
        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 §2.1.4.2: is the tree of <paramref name="newSize"/> an append-only extension of the older one?</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        // Every tree extends the empty one, so a check from size 0 proves nothing: refused, as the
        // reference verifier does.
        if (oldSize < 1 || newSize < oldSize)
        {
            return false;
        }
        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }
        if (proof.Count == 0 || oldRoot.Length != HashSize || newRoot.Length != HashSize || proof.Any(p => p.Length != HashSize))
        {
            return false;
        }
        var path = new List<byte[]>(proof.Count + 1);
        if (BitOperations.IsPow2(oldSize))
        {
            path.Add(oldRoot.ToArray());
        }
        path.AddRange(proof);
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }
}

/// <summary>
/// The right edge of a growing tree: one hash per perfect subtree of the current size. Appending a
/// leaf reports every perfect node it completes, which is what the sequencer stores.
/// </summary>
public sealed class CompactRange
{
    private readonly List<byte[]> _hashes = [];

    public CompactRange()
    {
    }

    /// <summary>Resumes from a stored tree: the hashes of <see cref="Merkle.PerfectSubtrees"/> of [0, size).</summary>
    public CompactRange(long size, IReadOnlyList<byte[]> perfectHashes)
    {
        if (Merkle.PerfectSubtrees(new LeafRange(0, size)).Count != perfectHashes.Count)
        {
            throw new ArgumentException("One hash per perfect subtree of the size is needed.", nameof(perfectHashes));
        }
        Size = size;
        _hashes.AddRange(perfectHashes);
    }

    public long Size { get; private set; }

    /// <summary>Adds a leaf and calls <paramref name="completed"/> for the leaf and every node it completes.</summary>
    public void Append(byte[] leafHash, Action<TreeNode, byte[]>? completed = null)
    {
        var index = Size;
        var hash = leafHash;
        var level = 0;
        completed?.Invoke(new TreeNode(0, index), hash);
        // Each trailing 1 bit of the index closes a pair: merge it with the subtree on its left.
        while (((index >> level) & 1) == 1)
        {
            hash = Merkle.NodeHash(_hashes[^1], hash);
            _hashes.RemoveAt(_hashes.Count - 1);
            level++;
            completed?.Invoke(new TreeNode(level, index >> level), hash);
        }
        _hashes.Add(hash);
        Size++;
    }

    /// <summary>
    /// Appends a whole perfect subtree of 2^<paramref name="level"/> leaves at once (its root hashed
    /// elsewhere, e.g. a full tile hashed on another thread). The tree's size must be a multiple of
    /// the subtree's, as it is at every tile boundary.
    /// </summary>
    public void AppendSubtree(int level, byte[] rootHash)
    {
        var width = 1L << level;
        if (Size % width != 0)
        {
            throw new InvalidOperationException($"A subtree of {width} leaves can only start at a multiple of {width}.");
        }
        var index = Size >> level;
        var hash = rootHash;
        var at = level;
        while (((index >> (at - level)) & 1) == 1)
        {
            hash = Merkle.NodeHash(_hashes[^1], hash);
            _hashes.RemoveAt(_hashes.Count - 1);
            at++;
        }
        _hashes.Add(hash);
        Size += width;
    }

    public byte[] Root() => Merkle.FoldRange(_hashes);
}
