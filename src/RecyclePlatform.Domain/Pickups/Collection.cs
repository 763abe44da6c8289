using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Pickups;

/// <summary>What the courier recorded at the door: bags, total weight and an optional photo's SHA-256 (hex).</summary>
public sealed record Collection
{
    public const decimal MinKg = 0.1m;
    public const decimal MaxKg = 500m;

    public Collection(int bags, decimal weightKg, string? photoSha256)
    {
        if (bags is < 1 or > Donation.MaxBags)
        {
            throw new DomainRuleException(Rules.Pickup.BagCount);
        }
        if (weightKg is < MinKg or > MaxKg)
        {
            throw new DomainRuleException(Rules.Pickup.WeightOutOfRange);
        }
        if (photoSha256 is not null && (photoSha256.Length != 64 || !photoSha256.All(Uri.IsHexDigit)))
        {
            throw new DomainRuleException(Rules.Pickup.PhotoHashInvalid);
        }
        Bags = bags;
        WeightKg = decimal.Round(weightKg, 2);
        PhotoSha256 = photoSha256?.ToLowerInvariant();
    }

    public int Bags { get; private init; }
    public decimal WeightKg { get; private init; }
    public string? PhotoSha256 { get; private init; }
}
