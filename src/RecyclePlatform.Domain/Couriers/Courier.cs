using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Couriers;

/// <summary>
/// A courier's working profile: the user account that signs in, and the city and hub
/// they start from. Personal details stay on the account.
/// </summary>
public sealed class Courier : IVersioned
{
    public const int MaxDisplayNameLength = 80;

    private Courier(Guid id, Guid userId, Guid cityId, Guid hubId, string displayName)
    {
        Id = id;
        UserId = userId;
        CityId = cityId;
        HubId = hubId;
        DisplayName = displayName;
        Active = true;
    }

    private Courier()
    {
        DisplayName = "";
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid CityId { get; private set; }
    public Guid HubId { get; private set; }
    public string DisplayName { get; private set; }
    public bool Active { get; private set; }
    public long Version { get; private set; }

    public static Courier Create(Guid userId, Guid cityId, Guid hubId, string displayName)
    {
        var name = displayName?.Trim() ?? "";
        if (name.Length is 0 or > MaxDisplayNameLength)
        {
            throw new DomainRuleException(Rules.Courier.DisplayNameRequired);
        }
        return new Courier(Guid.CreateVersion7(), userId, cityId, hubId, name);
    }

    public void Deactivate()
    {
        if (!Active)
        {
            throw new DomainRuleException(Rules.Courier.AlreadyInactive);
        }
        Active = false;
    }
}
