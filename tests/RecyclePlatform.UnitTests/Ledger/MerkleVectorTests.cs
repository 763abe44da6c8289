using System.Text.Json;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.UnitTests.Ledger;

/// <summary>
/// Known answers from transparency-dev/merkle (tests/data/merkle-vectors): every valid proof is
/// accepted, every tampered one rejected, and the proofs we generate are byte for byte theirs.
/// </summary>
public sealed class MerkleVectorTests
{
    /// <summary>A copy of transparency-dev/merkle testdata (Apache-2.0, see SOURCE.md there), kept in the repository so CI has it.</summary>
    private static readonly string VectorRoot = Path.Combine(RepositoryRoot.Path, "tests", "data", "merkle-vectors");

    /// <summary>The RFC 6962 reference leaves the vectors' trees are built from.</summary>
    private static readonly byte[][] ReferenceLeaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    public static TheoryData<string> InclusionFiles() => Files("inclusion");

    public static TheoryData<string> ConsistencyFiles() => Files("consistency");

    private static TheoryData<string> Files(string kind) => [.. FileList(kind)];

    private static List<string> FileList(string kind) =>
        [.. Directory.GetFiles(Path.Combine(VectorRoot, kind), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(f => Path.GetRelativePath(VectorRoot, f))];

    [Fact]
    public void AllVectorsAreThere()
    {
        (FileList("inclusion").Count + FileList("consistency").Count).ShouldBe(196);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void Inclusion(string file)
    {
        var v = Read(file);
        var accepted = Merkle.VerifyInclusion(Long(v, "leafIdx"), Long(v, "treeSize"),
            Bytes(v, "leafHash"), Hashes(v, "proof"), Bytes(v, "root"));

        accepted.ShouldBe(!v.GetProperty("wantErr").GetBoolean(), v.GetProperty("desc").GetString());
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void Consistency(string file)
    {
        var v = Read(file);
        var accepted = Merkle.VerifyConsistency(Long(v, "size1"), Long(v, "size2"),
            Bytes(v, "root1"), Bytes(v, "root2"), Hashes(v, "proof"));

        accepted.ShouldBe(!v.GetProperty("wantErr").GetBoolean(), v.GetProperty("desc").GetString());
    }

    [Fact]
    public void ReferenceTree_HasTheRfcRoot_AndOurProofsMatchTheValidVectors()
    {
        var tree = new InMemoryTree(ReferenceLeaves.Select(l => Merkle.LeafHash(l)));
        Convert.ToHexStringLower(tree.Root(8)).ShouldBe("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

        var checkedProofs = 0;
        foreach (var file in FileList("inclusion"))
        {
            var v = Read(file);
            if (v.GetProperty("wantErr").GetBoolean())
            {
                continue;
            }
            var proof = tree.InclusionProof(Long(v, "leafIdx"), Long(v, "treeSize"));
            proof.Select(Convert.ToBase64String).ShouldBe(Hashes(v, "proof").Select(Convert.ToBase64String));
            checkedProofs++;
        }
        foreach (var file in FileList("consistency"))
        {
            var v = Read(file);
            if (v.GetProperty("wantErr").GetBoolean())
            {
                continue;
            }
            var size1 = Long(v, "size1");
            var size2 = Long(v, "size2");
            if (size2 > ReferenceLeaves.Length || size1 == size2)
            {
                continue;
            }
            tree.ConsistencyProof(size1, size2).Select(Convert.ToBase64String).ShouldBe(Hashes(v, "proof").Select(Convert.ToBase64String));
            if (size1 > 0)
            {
                Convert.ToBase64String(tree.Root(size1)).ShouldBe(Convert.ToBase64String(Bytes(v, "root1")));
            }
            checkedProofs++;
        }
        checkedProofs.ShouldBeGreaterThanOrEqualTo(8);
    }

    [Fact]
    public void GeneratedProofs_VerifyForEveryLeafAndSizeUpTo70()
    {
        var leaves = Enumerable.Range(0, 70).Select(i => Merkle.LeafHash(BitConverter.GetBytes(i))).ToList();
        var tree = new InMemoryTree(leaves);
        for (long size = 1; size <= leaves.Count; size++)
        {
            var root = tree.Root(size);
            root.ShouldBe(Merkle.RootFromLeafHashes(leaves.Take((int)size).ToList()));
            for (long index = 0; index < size; index++)
            {
                Merkle.VerifyInclusion(index, size, leaves[(int)index], tree.InclusionProof(index, size), root).ShouldBeTrue();
            }
            for (long old = 1; old <= size; old++)
            {
                Merkle.VerifyConsistency(old, size, tree.Root(old), root, tree.ConsistencyProof(old, size)).ShouldBeTrue($"{old}→{size}");
            }
        }
    }

    [Fact]
    public void CompactRange_ResumedFromStoredHashes_GivesTheSameRoot()
    {
        var leaves = Enumerable.Range(0, 45).Select(i => Merkle.LeafHash(BitConverter.GetBytes(i))).ToList();
        var tree = new InMemoryTree(leaves.Take(29));
        var resumed = new CompactRange(29, [.. Merkle.PerfectSubtrees(new LeafRange(0, 29)).Select(tree.Node)]);
        foreach (var leaf in leaves.Skip(29))
        {
            resumed.Append(leaf);
        }
        resumed.Root().ShouldBe(Merkle.RootFromLeafHashes(leaves));
    }

    [Fact]
    public void AppendingWholeSubtrees_GivesTheSameTreeAsLeafByLeaf()
    {
        var leaves = Enumerable.Range(0, 1000).Select(i => Merkle.LeafHash(BitConverter.GetBytes(i))).ToList();
        var mixed = new CompactRange();
        for (var tile = 0; tile < 3; tile++)
        {
            mixed.AppendSubtree(8, Merkle.RootFromLeafHashes(leaves.Skip(tile * 256).Take(256).ToList()));
        }
        foreach (var leaf in leaves.Skip(768))
        {
            mixed.Append(leaf);
        }

        mixed.Size.ShouldBe(1000);
        mixed.Root().ShouldBe(Merkle.RootFromLeafHashes(leaves));
        Should.Throw<InvalidOperationException>(() => mixed.AppendSubtree(8, new byte[32]));
    }

    private static JsonElement Read(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(VectorRoot, file))).RootElement;

    /// <summary>Sizes beyond a signed 64-bit number (the vectors use 2^64-1) become -1, which every check refuses.</summary>
    private static long Long(JsonElement v, string name) => v.GetProperty(name).TryGetInt64(out var n) ? n : -1;

    private static byte[] Bytes(JsonElement v, string name) =>
        v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? Convert.FromBase64String(p.GetString()!) : [];

    private static List<byte[]> Hashes(JsonElement v, string name) =>
        v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array
            ? [.. p.EnumerateArray().Select(h => h.ValueKind == JsonValueKind.String ? Convert.FromBase64String(h.GetString()!) : [])]
            : [];
}

/// <summary>The stored-nodes model of the server, in memory: perfect nodes only, ranges folded from them.</summary>
internal sealed class InMemoryTree
{
    private readonly Dictionary<TreeNode, byte[]> _nodes = [];

    public InMemoryTree(IEnumerable<byte[]> leafHashes)
    {
        var range = new CompactRange();
        foreach (var leaf in leafHashes)
        {
            range.Append(leaf, (node, hash) => _nodes[node] = hash);
        }
    }

    public byte[] Node(TreeNode node) => _nodes[node];

    public byte[] Range(LeafRange range) => Merkle.FoldRange([.. Merkle.PerfectSubtrees(range).Select(Node)]);

    public byte[] Root(long size) => Range(new LeafRange(0, size));

    public List<byte[]> InclusionProof(long index, long size) => [.. Merkle.InclusionProofRanges(index, size).Select(Range)];

    public List<byte[]> ConsistencyProof(long old, long size) => [.. Merkle.ConsistencyProofRanges(old, size).Select(Range)];
}
