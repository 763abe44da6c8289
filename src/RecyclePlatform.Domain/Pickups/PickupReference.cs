using System.Security.Cryptography;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Pickups;

/// <summary>
/// A short reference people read out on the phone: eight Crockford base-32 characters (no I, L,
/// O or U to confuse) and a check character (Luhn mod 32) that catches any single mistyped
/// character and most swaps. Written 7KQ2-M4XZ-R; typed any way (lower case, no dashes, O for 0).
/// </summary>
public static class PickupReference
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 9;

    public static string New()
    {
        Span<char> body = stackalloc char[Length - 1];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(body) + CheckCharacter(body);
    }

    /// <summary>The canonical form (nine characters, no dashes), or null when it is not a valid reference.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        Span<char> chars = stackalloc char[Length];
        var n = 0;
        foreach (var raw in typed)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (n == Length || Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return null;
            }
            chars[n++] = c;
        }
        if (n != Length || CheckCharacter(chars[..(Length - 1)]) != chars[Length - 1])
        {
            return null;
        }
        return new string(chars);
    }

    public static string Format(string reference) =>
        reference.Length == Length ? $"{reference[..4]}-{reference[4..8]}-{reference[8]}" : reference;

    public static string Require(string? typed) =>
        Normalise(typed) ?? throw new DomainRuleException(Rules.Pickup.ReferenceInvalid);

    private static char CheckCharacter(ReadOnlySpan<char> body)
    {
        // Luhn mod N over the base-32 code points, doubling every second one from the right.
        var factor = 2;
        var sum = 0;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(body[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += (addend / Alphabet.Length) + (addend % Alphabet.Length);
        }
        var check = (Alphabet.Length - (sum % Alphabet.Length)) % Alphabet.Length;
        return Alphabet[check];
    }
}
