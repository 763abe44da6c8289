using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecyclePlatform.Domain.Ledger;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785) for the values ledger entries use: objects with
/// members sorted by UTF-16 code units, arrays, strings, booleans, null and integers. Fractions
/// are refused on purpose: amounts are whole grams, so no floating-point formatting is involved.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Integers beyond ±2^53 are not exact in other people's JSON parsers (I-JSON, RFC 7493).</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    public static byte[] Serialize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void Write(StringBuilder output, JsonNode? node)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj:
                output.Append('{');
                var first = true;
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        output.Append(',');
                    }
                    first = false;
                    WriteString(output, name);
                    output.Append(':');
                    Write(output, value);
                }
                output.Append('}');
                break;
            case JsonArray array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(',');
                    }
                    Write(output, array[i]);
                }
                output.Append(']');
                break;
            case JsonValue value:
                WriteValue(output, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder output, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(output, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Null:
                output.Append("null");
                break;
            case JsonValueKind.Number when value.TryGetValue<long>(out var whole) || TryWhole(value, out whole):
                if (whole is > MaxSafeInteger or < -MaxSafeInteger)
                {
                    throw new ArgumentException($"{whole} is outside the integers every JSON parser keeps exactly.");
                }
                output.Append(whole.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"Ledger entries hold only integers, strings, booleans and null, not {value.ToJsonString()}.");
        }
    }

    private static bool TryWhole(JsonValue value, out long whole)
    {
        // Values built in C# keep their own type; numbers parsed from text arrive as JsonElement.
        whole = 0;
        if (value.TryGetValue<int>(out var small))
        {
            whole = small;
            return true;
        }
        return value.TryGetValue<JsonElement>(out var element) && element.TryGetInt64(out whole);
    }

    private static void WriteString(StringBuilder output, string text)
    {
        output.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])))
            {
                throw new ArgumentException("A string holds a lone surrogate, which is not Unicode.");
            }
            if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
            {
                throw new ArgumentException("A string holds a lone surrogate, which is not Unicode.");
            }
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case < ' ':
                    output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
        output.Append('"');
    }
}
