using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Pickups;

[Flags]
public enum ItemCategories
{
    None = 0,
    Clothing = 1,
    Shoes = 2,
    BagsAndAccessories = 4,
    HomeTextiles = 8,
}

public static class ItemCategoriesExtensions
{
    /// <summary>The single categories a set holds, in declaration order (for lists, entries and pages).</summary>
    public static List<ItemCategories> Each(this ItemCategories categories) =>
        [.. Enum.GetValues<ItemCategories>().Where(c => c != ItemCategories.None && categories.HasFlag(c))];
}

/// <summary>The donor's estimate; the courier weighs at the door.</summary>
public enum WeightBand
{
    Under5Kg,
    From5To10Kg,
    From10To20Kg,
    Over20Kg,
}

/// <summary>Wearable items go to charities (reuse); worn-out ones to recyclers.</summary>
public enum ItemCondition
{
    Wearable,
    WornOut,
    Mixed,
}

/// <summary>What is given. <see cref="CharityId"/> null means the general pool.</summary>
public sealed record Donation
{
    public const int MaxBags = 20;

    public Donation(ItemCategories categories, int bags, WeightBand weight, ItemCondition condition, Guid? charityId)
    {
        if (categories == ItemCategories.None || (categories & ~AllCategories) != 0)
        {
            throw new DomainRuleException(Rules.Pickup.CategoriesRequired);
        }
        if (bags is < 1 or > MaxBags)
        {
            throw new DomainRuleException(Rules.Pickup.BagCount);
        }
        Categories = categories;
        Bags = bags;
        Weight = weight;
        Condition = condition;
        CharityId = charityId;
    }

    public const ItemCategories AllCategories =
        ItemCategories.Clothing | ItemCategories.Shoes | ItemCategories.BagsAndAccessories | ItemCategories.HomeTextiles;

    public ItemCategories Categories { get; private init; }
    public int Bags { get; private init; }
    public WeightBand Weight { get; private init; }
    public ItemCondition Condition { get; private init; }
    public Guid? CharityId { get; private init; }

    /// <summary>The least the band can weigh, for a city's minimum.</summary>
    public int LeastKg => Weight switch
    {
        WeightBand.Under5Kg => 0,
        WeightBand.From5To10Kg => 5,
        WeightBand.From10To20Kg => 10,
        _ => 20,
    };

    /// <summary>What routing assumes the bags weigh before the courier weighs them: about the middle of the band.</summary>
    public int EstimatedKg => Weight switch
    {
        WeightBand.Under5Kg => 4,
        WeightBand.From5To10Kg => 8,
        WeightBand.From10To20Kg => 15,
        _ => 25,
    };
}
