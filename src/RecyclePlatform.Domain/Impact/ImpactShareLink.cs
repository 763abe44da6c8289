using System.Security.Cryptography;

namespace RecyclePlatform.Domain.Impact;

/// <summary>
/// A donor's choice to show their impact in public: a link with a random token that anyone holding it may
/// open. A donor's impact is private to them, so this exists only by their act, one per donor; stopping
/// sharing deletes it (the link then finds nothing), and sharing again makes a new token.
/// </summary>
public sealed class ImpactShareLink
{
    /// <summary>18 random bytes (144 bits), written in base64url without padding: 24 characters.</summary>
    public const int TokenBytes = 18;

    public const int TokenLength = 24;

    private ImpactShareLink()
    {
        Token = "";
    }

    /// <summary>The donor; one link each.</summary>
    public Guid UserId { get; private set; }

    public string Token { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static ImpactShareLink Create(Guid userId, DateTimeOffset now) =>
        new() { UserId = userId, Token = NewToken(), CreatedAt = now };

    /// <summary>
    /// Whether <paramref name="token"/> has the shape of a token (24 base64url characters), so text that cannot
    /// be one (empty, huge, NUL, emoji) is turned away without asking the database.
    /// </summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
