using System.Text.Json;

namespace RecyclePlatform.Witness;

/// <summary>The latest checkpoint the witness cosigned, per log origin.</summary>
public sealed record SeenCheckpoint(long Size, byte[] RootHash, DateTimeOffset CosignedAt);

/// <summary>
/// The witness's whole memory: one small JSON file, replaced atomically (written beside, flushed to
/// disk, then renamed over the old one), so a crash leaves either the old or the new state, never half.
/// </summary>
public sealed class WitnessState(string path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public Dictionary<string, SeenCheckpoint> Load()
    {
        if (!File.Exists(Path))
        {
            return new Dictionary<string, SeenCheckpoint>(StringComparer.Ordinal);
        }
        var text = File.ReadAllText(Path);
        return JsonSerializer.Deserialize<Dictionary<string, SeenCheckpoint>>(text, Json)
            ?? throw new InvalidOperationException($"The witness state {Path} is empty; restore it from a backup.");
    }

    public void Save(IReadOnlyDictionary<string, SeenCheckpoint> logs)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".new";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, logs, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path, overwrite: true);
    }
}
