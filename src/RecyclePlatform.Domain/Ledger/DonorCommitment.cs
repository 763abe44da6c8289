using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RecyclePlatform.Domain.Ledger;

/// <summary>
/// How a donor appears on the ledger without being named. Each donor has a secret salt (kept off
/// the ledger); a pickup's opening is HMAC-SHA256(salt, "rp-pickup-v1:" + reference) cut to 16
/// bytes, and the ledger carries only SHA-256 of the opening. The receipt gives the donor the
/// opening (as the receipt code), which proves the entries are theirs. Deleting the salt leaves
/// the commitments, and so every proof, untouched while nothing can link them to the donor again.
/// </summary>
public static class DonorCommitment
{
    public const int SaltBytes = 32;
    public const int OpeningBytes = 16;

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static byte[] Opening(ReadOnlySpan<byte> salt, string pickupReference) =>
        HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes("rp-pickup-v1:" + pickupReference))[..OpeningBytes];

    /// <summary>Lower-case hex of SHA-256(opening): what entries carry as "pickup".</summary>
    public static string Commitment(ReadOnlySpan<byte> opening) => Convert.ToHexStringLower(SHA256.HashData(opening));

    /// <summary>
    /// How an entry names a bag: HMAC-SHA256(opening, "rp-label-v1:" + label). The label is printed
    /// on the bag (it holds the pickup reference), so entries never carry it: only the receipt code,
    /// or the platform while the donor's salt exists, can tell which commitment is which bag.
    /// </summary>
    public static HexDigest LabelCommitment(ReadOnlySpan<byte> opening, string label) =>
        HexDigest.Of(HMACSHA256.HashData(opening, Encoding.UTF8.GetBytes("rp-label-v1:" + label)));

    /// <summary>The receipt code: the opening in base64url, 22 characters.</summary>
    public static string ReceiptCode(ReadOnlySpan<byte> opening) => Base64Url.EncodeToString(opening);

    public static bool TryReadReceiptCode(string? code, out byte[] opening)
    {
        opening = [];
        code = code?.Trim();
        if (code is null || code.Length != 22 || !Base64Url.IsValid(code))
        {
            return false;
        }
        opening = Base64Url.DecodeFromChars(code);
        return opening.Length == OpeningBytes;
    }
}
