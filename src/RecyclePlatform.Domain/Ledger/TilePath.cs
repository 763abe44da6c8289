using System.Globalization;
using System.Text;

namespace RecyclePlatform.Domain.Ledger;

/// <summary>
/// Tile addresses of C2SP tlog-tiles: tiles are 256 hashes (or entries) wide; the index is written
/// in groups of three digits, every group but the last prefixed with "x" (1234067 → x001/x234/067);
/// a partial tile of width W adds ".p/W".
/// </summary>
public readonly record struct TilePath(int Level, long Index, int Width, bool IsEntries)
{
    public const int Height = 8;
    public const int FullWidth = 1 << Height;

    /// <summary>The entries' level in "tile/entries/..." paths, kept apart from hash levels.</summary>
    public bool IsPartial => Width < FullWidth;

    public static string FormatIndex(long index)
    {
        var groups = new List<string>();
        do
        {
            groups.Add((index % 1000).ToString("D3", CultureInfo.InvariantCulture));
            index /= 1000;
        }
        while (index > 0);
        groups.Reverse();
        var builder = new StringBuilder();
        for (var i = 0; i < groups.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('/');
            }
            if (i < groups.Count - 1)
            {
                builder.Append('x');
            }
            builder.Append(groups[i]);
        }
        return builder.ToString();
    }

    /// <summary>"tile/0/x001/234" or "tile/entries/005.p/17", relative to the log's prefix.</summary>
    public override string ToString()
    {
        var path = $"tile/{(IsEntries ? "entries" : Level.ToString(CultureInfo.InvariantCulture))}/{FormatIndex(Index)}";
        return IsPartial ? $"{path}.p/{Width.ToString(CultureInfo.InvariantCulture)}" : path;
    }

    /// <summary>Parses what follows "tile/". Anything not written exactly as the spec writes it is refused.</summary>
    public static bool TryParse(string path, out TilePath tile)
    {
        tile = default;
        var parts = path.Split('/');
        if (parts.Length < 2)
        {
            return false;
        }
        var isEntries = parts[0] == "entries";
        var level = 0;
        // The level is written without leading zeros: "00/000" names no tile (C2SP tlog-tiles).
        if (!isEntries && (!TryDigits(parts[0], 1, 2, out level) || parts[0] != level.ToString(CultureInfo.InvariantCulture)))
        {
            return false;
        }
        if (level > 5)
        {
            return false;
        }
        var indexParts = parts.AsSpan(1);
        var width = FullWidth;
        // ".p/W": the last index group ends in ".p" and one more segment holds the width.
        if (indexParts.Length >= 2 && indexParts[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryDigits(indexParts[^1], 1, 3, out width) || width is < 1 or >= FullWidth || indexParts[^1] != width.ToString(CultureInfo.InvariantCulture))
            {
                return false;
            }
            indexParts = indexParts[..^1];
            indexParts[^1] = indexParts[^1][..^2];
        }
        long index = 0;
        for (var i = 0; i < indexParts.Length; i++)
        {
            var group = indexParts[i];
            var last = i == indexParts.Length - 1;
            if (!last)
            {
                if (!group.StartsWith('x'))
                {
                    return false;
                }
                group = group[1..];
            }
            if (group.Length != 3 || !TryDigits(group, 3, 3, out var value))
            {
                return false;
            }
            if (index > long.MaxValue / 1000)
            {
                return false;
            }
            index = index * 1000 + value;
        }
        // Leading zero groups are not the canonical form ("x000/005" is "005").
        if (indexParts.Length > 1 && indexParts[0] == "x000")
        {
            return false;
        }
        tile = new TilePath(level, index, width, isEntries);
        return true;
    }

    private static bool TryDigits(string text, int minLength, int maxLength, out int value)
    {
        value = 0;
        return text.Length >= minLength && text.Length <= maxLength && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
