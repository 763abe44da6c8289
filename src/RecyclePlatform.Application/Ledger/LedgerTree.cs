using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Ledger;

/// <summary>
/// Reads the stored tree. Any hash a proof or root needs is a fold of stored perfect subtrees, so
/// one indexed query of at most ~2 log2(n) keys answers a whole proof.
/// </summary>
public static class LedgerTree
{
    public static async Task<long> SizeAsync(IAppDbContext db, CancellationToken ct) =>
        (await db.LedgerEntries.MaxAsync(e => (long?)e.Index, ct) ?? -1) + 1;

    /// <summary>The right edge of the stored tree of <paramref name="size"/> entries (<see cref="SizeAsync"/>), ready for appending.</summary>
    public static async Task<CompactRange> LoadFrontierAsync(IAppDbContext db, long size, CancellationToken ct)
    {
        var nodes = Merkle.PerfectSubtrees(new LeafRange(0, size));
        var hashes = await ReadAsync(db, nodes, ct);
        return new CompactRange(size, [.. nodes.Select(n => hashes[n.Key])]);
    }

    /// <summary>The hashes of the given ranges, in order; every range must lie inside the stored tree.</summary>
    public static async Task<List<byte[]>> RangeHashesAsync(IAppDbContext db, IReadOnlyList<LeafRange> ranges, CancellationToken ct)
    {
        var perRange = ranges.Select(Merkle.PerfectSubtrees).ToList();
        var hashes = await ReadAsync(db, [.. perRange.SelectMany(n => n)], ct);
        return [.. perRange.Select(nodes => Merkle.FoldRange([.. nodes.Select(n => hashes[n.Key])]))];
    }

    public static async Task<byte[]> RootAsync(IAppDbContext db, long size, CancellationToken ct) =>
        size == 0 ? Merkle.EmptyRoot : (await RangeHashesAsync(db, [new LeafRange(0, size)], ct))[0];

    private static async Task<Dictionary<long, byte[]>> ReadAsync(IAppDbContext db, IReadOnlyCollection<TreeNode> nodes, CancellationToken ct)
    {
        if (nodes.Count == 0)
        {
            return [];
        }
        var keys = nodes.Select(n => n.Key).Distinct().ToList();
        var found = await db.LedgerNodes.AsNoTracking().Where(n => keys.Contains(n.Key)).ToDictionaryAsync(n => n.Key, n => n.Hash, ct);
        if (found.Count != keys.Count)
        {
            throw new InvalidOperationException($"The ledger's stored tree is missing {keys.Count - found.Count} node(s); run the self-audit.");
        }
        return found;
    }
}
