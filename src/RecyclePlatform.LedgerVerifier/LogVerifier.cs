using System.Buffers.Binary;
using System.Net;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.LedgerVerifier;

/// <summary>What a run found. <see cref="FirstBadIndex"/> names the first entry that does not check out, when one can be named.</summary>
public sealed record VerificationResult(bool Ok, long TreeSize, long? FirstBadIndex, string Message, string? CheckpointNote)
{
    /// <summary>The root of the first <see cref="EntryReader.PrefixSize"/> entries, recomputed from them (set when a reader asked for it).</summary>
    public byte[]? PrefixRoot { get; init; }
}

/// <summary>
/// What a caller wants from a run besides the verdict: every entry's bytes in log order, handed to
/// <paramref name="OnEntries"/> one bundle at a time (the index of its first entry, then its entries),
/// and the root of the first <paramref name="PrefixSize"/> entries (a size a published figure claims).
/// The entries are handed over as they are downloaded, before the root is checked: they are verified
/// only if the run then returns Ok, so a caller must discard what it built from them otherwise.
/// </summary>
public sealed record EntryReader(long? PrefixSize, Action<long, IReadOnlyList<byte[]>>? OnEntries);

/// <summary>A witness the verifier trusts: its name and its Ed25519 cosigning key (from its verifier key, type 0x04).</summary>
public sealed record TrustedWitness(string Name, byte[] PublicKey);

/// <summary>
/// Which cosignatures the checkpoint must carry: at least <paramref name="Quorum"/> of the trusted
/// witnesses, each made no longer than <paramref name="MaxAge"/> before <paramref name="Now"/> (and not in its future).
/// </summary>
public sealed record WitnessPolicy(IReadOnlyList<TrustedWitness> Witnesses, int Quorum, TimeSpan MaxAge, DateTimeOffset Now);

/// <summary>
/// Verifies a whole log over HTTP from its tlog-tiles endpoints: the checkpoint's Ed25519
/// signature, every entry against its leaf hash in the level-0 tiles, the root recomputed from the
/// entries, and consistency with a checkpoint saved on an earlier run (both by recomputation and by
/// the server's consistency proof).
/// </summary>
public sealed class LogVerifier(HttpClient http, TextWriter log)
{
    /// <summary>Clocks disagree a little: a cosignature up to this far in the future is accepted.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<VerificationResult> VerifyAsync(string? verifierKey, string? savedNote, CancellationToken ct, WitnessPolicy? witnesses = null,
        EntryReader? reader = null)
    {
        if (verifierKey is null)
        {
            verifierKey = (await http.GetStringAsync("ledger/key", ct)).Trim();
            log.WriteLine($"warning: no --key given; trusting the key the server publishes: {verifierKey}");
        }
        if (!SignedNote.TryParseVerifierKey(verifierKey, out var keyName, out var publicKey))
        {
            return Fail(0, null, $"'{verifierKey}' is not a signed-note verifier key.");
        }
        var note = await http.GetStringAsync("ledger/checkpoint", ct);
        if (Open(note, keyName, publicKey) is not { } checkpoint)
        {
            return Fail(0, null, "The latest checkpoint is not signed by the given key.");
        }
        log.WriteLine($"checkpoint: {checkpoint.Origin}, {checkpoint.Size} entries, root {Convert.ToBase64String(checkpoint.RootHash)}; signature OK");
        if (witnesses is not null && CheckWitnesses(note, checkpoint, witnesses) is { } unwitnessed)
        {
            return Fail(checkpoint.Size, null, unwitnessed);
        }

        Checkpoint? saved = null;
        if (savedNote is not null)
        {
            saved = Open(savedNote, keyName, publicKey);
            if (saved is null)
            {
                return Fail(checkpoint.Size, null, "The saved checkpoint is not signed by the given key.");
            }
            if (saved.Size > checkpoint.Size)
            {
                return Fail(checkpoint.Size, null, $"The log shrank: it had {saved.Size} entries and now has {checkpoint.Size}.");
            }
        }
        var prefix = reader?.PrefixSize;
        if (prefix is { } wanted && (wanted < 0 || wanted > checkpoint.Size))
        {
            return Fail(checkpoint.Size, null, $"The log's signed checkpoint has {checkpoint.Size} entries; the first {wanted} cannot be recomputed from it.");
        }
        byte[]? prefixRoot = prefix == 0 ? Merkle.RootFromLeafHashes([]) : null;

        // Entry bundles are fetched a few at a time ahead of the hashing, which goes strictly in order.
        var tree = new CompactRange();
        var leaves = new List<byte[]>((int)Math.Min(checkpoint.Size, int.MaxValue));
        var tiles = (checkpoint.Size + TilePath.FullWidth - 1) / TilePath.FullWidth;
        var ahead = new Queue<(long Tile, int Width, Task<TileLeaves?> Entries)>();
        long next = 0;
        for (long tile = 0; tile < tiles; tile++)
        {
            while (next < tiles && ahead.Count < Parallelism)
            {
                var width = (int)Math.Min(TilePath.FullWidth, checkpoint.Size - next * TilePath.FullWidth);
                var tileIndex = next;
                ahead.Enqueue((next, width, Task.Run(() => EntriesAsync(tileIndex, width, reader?.OnEntries is not null, ct), ct)));
                next++;
            }
            var (_, expected, fetch) = ahead.Dequeue();
            var fetched = await fetch;
            var entries = fetched?.Leaves;
            var first = tile * TilePath.FullWidth;
            if (entries is null || entries.Count != expected)
            {
                var missing = await FirstMissingEntryAsync(first, expected, entries?.Count ?? 0, ct);
                return Fail(checkpoint.Size, missing, $"Entry {missing} is missing from the log.");
            }
            leaves.AddRange(entries);
            reader?.OnEntries?.Invoke(first, fetched!.Bodies!);
            // A size whose root is needed (the saved checkpoint's, the reader's prefix) inside this tile: leaf by leaf.
            bool Inside(long? size) => size > first && size <= first + expected;
            if (fetched!.Root is { } tileRoot && !Inside(saved?.Size) && !Inside(prefix))
            {
                tree.AppendSubtree(TilePath.Height, tileRoot);
                continue;
            }
            foreach (var leaf in entries)
            {
                tree.Append(leaf);
                if (saved is not null && tree.Size == saved.Size && !tree.Root().AsSpan().SequenceEqual(saved.RootHash))
                {
                    return Fail(checkpoint.Size, await FirstBadLeafAsync(leaves, ct),
                        $"The first {saved.Size} entries no longer give the root of your saved checkpoint: the log was rewritten.");
                }
                if (tree.Size == prefix)
                {
                    prefixRoot = tree.Root();
                }
            }
        }
        if (!tree.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            // Something differs: the log's own level-0 tiles say which entry no longer hashes as it did.
            var bad = await FirstBadLeafAsync(leaves, ct);
            return bad is { } index
                ? Fail(checkpoint.Size, index, $"Entry {index} does not match its leaf hash in the tree: it was altered, replaced or moved.")
                : Fail(checkpoint.Size, null, "The entries recompute to another root than the signed checkpoint.");
        }
        log.WriteLine($"entries: all {checkpoint.Size} recomputed to the signed root");

        if (saved is not null && saved.Size > 0 && saved.Size < checkpoint.Size)
        {
            var proof = await ConsistencyProofAsync(saved.Size, checkpoint.Size, ct);
            if (proof is null || !Merkle.VerifyConsistency(saved.Size, checkpoint.Size, saved.RootHash, checkpoint.RootHash, proof))
            {
                return Fail(checkpoint.Size, null, $"The server's consistency proof from {saved.Size} to {checkpoint.Size} does not verify.");
            }
            log.WriteLine($"consistency: the log of {checkpoint.Size} extends your saved checkpoint of {saved.Size} (proof verified)");
        }
        return new VerificationResult(true, checkpoint.Size, null, $"OK: {checkpoint.Size} entries verified.", note) { PrefixRoot = prefixRoot };
    }

    /// <summary>Bundles in flight at once: enough to keep a server's cores busy, few enough to be polite.</summary>
    public const int Parallelism = 8;

    /// <summary>The first leaf that differs from the level-0 hash tiles the log serves; null when they all agree.</summary>
    private async Task<long?> FirstBadLeafAsync(List<byte[]> leaves, CancellationToken ct)
    {
        for (long tile = 0; tile * TilePath.FullWidth < leaves.Count; tile++)
        {
            var first = tile * TilePath.FullWidth;
            var width = (int)Math.Min(TilePath.FullWidth, leaves.Count - first);
            var hashes = await TileAsync(new TilePath(0, tile, width, false), ct);
            for (var i = 0; i < width; i++)
            {
                if (hashes is null || hashes.Length < (i + 1) * Merkle.HashSize
                    || !leaves[(int)first + i].AsSpan().SequenceEqual(hashes.AsSpan(i * Merkle.HashSize, Merkle.HashSize)))
                {
                    return first + i;
                }
            }
        }
        return null;
    }

    /// <summary>Null when enough trusted witnesses cosigned the checkpoint recently enough; otherwise why not.</summary>
    private string? CheckWitnesses(string note, Checkpoint checkpoint, WitnessPolicy policy)
    {
        if (!SignedNote.TryParse(note, out var body, out var lines))
        {
            return "The checkpoint is not a signed note.";
        }
        var fresh = 0;
        foreach (var witness in policy.Witnesses)
        {
            var at = lines.Select(line => Cosignature.Verify(line, body, witness.Name, witness.PublicKey, (m, sig) => Verify(witness.PublicKey, m, sig)))
                .Where(t => t is not null).Max();
            var age = at is { } time ? policy.Now - time : (TimeSpan?)null;
            var ok = age is { } a && a <= policy.MaxAge && a >= -ClockSkew;
            fresh += ok ? 1 : 0;
            log.WriteLine(at is null
                ? $"witness {witness.Name}: no valid cosignature"
                : $"witness {witness.Name}: cosigned at {at:u} ({(ok ? "fresh" : age < TimeSpan.Zero ? "in the future" : "older than the allowed age")})");
        }
        return fresh >= policy.Quorum
            ? null
            : $"Only {fresh} of the {policy.Witnesses.Count} trusted witnesses cosigned checkpoint {checkpoint.Size} within {policy.MaxAge}; the policy asks for {policy.Quorum}.";
    }

    /// <summary>The checkpoint of a note signed by the key; null when the note, the origin or the signature is wrong.</summary>
    public static Checkpoint? Open(string note, string keyName, byte[] publicKey) =>
        SignedCheckpoints.Open(note, keyName, publicKey, (message, signature) => Verify(publicKey, message, signature));

    private static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    /// <summary>The leaf hashes of an entry bundle, hashed on the download's thread as soon as it arrives, and the entries when asked for.</summary>
    private sealed record TileLeaves(List<byte[]> Leaves, byte[]? Root, List<byte[]>? Bodies);

    private async Task<TileLeaves?> EntriesAsync(long tile, int width, bool keepBodies, CancellationToken ct)
    {
        var bundle = await TileAsync(new TilePath(0, tile, width, true), ct);
        if (bundle is null)
        {
            return null;
        }
        var leaves = new List<byte[]>(width);
        var bodies = keepBodies ? new List<byte[]>(width) : null;
        var at = 0;
        while (at + 2 <= bundle.Length)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at));
            if (at + 2 + length > bundle.Length)
            {
                break;
            }
            leaves.Add(Merkle.LeafHash(bundle.AsSpan(at + 2, length)));
            bodies?.Add(bundle.AsSpan(at + 2, length).ToArray());
            at += 2 + length;
        }
        // A full tile is a perfect subtree: its root is folded here, on the download's thread.
        return new TileLeaves(leaves, leaves.Count == TilePath.FullWidth ? Merkle.RootFromLeafHashes(leaves) : null, bodies);
    }

    /// <summary>Without a whole bundle, asks the JSON API entry by entry to name the first gap.</summary>
    private async Task<long> FirstMissingEntryAsync(long first, int width, int have, CancellationToken ct)
    {
        for (var i = 0; i < width; i++)
        {
            using var response = await http.GetAsync($"api/v1/ledger/entries/{first + i}", ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return first + i;
            }
        }
        return first + have;
    }

    private async Task<byte[]?> TileAsync(TilePath tile, CancellationToken ct)
    {
        using var response = await http.GetAsync("ledger/" + tile, ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(ct) : null;
    }

    private async Task<List<byte[]>?> ConsistencyProofAsync(long from, long to, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/v1/ledger/consistency?from={from}&to={to}", ct);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        using var json = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return [.. json.RootElement.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!))];
    }

    private VerificationResult Fail(long size, long? index, string message)
    {
        log.WriteLine("MISMATCH: " + message);
        return new VerificationResult(false, size, index, message, null);
    }
}
