using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.Application.Common;

/// <summary>A dispatcher plans the cities of their scope claims; an administrator plans all. Anything else is "not found".</summary>
public static class DispatchScope
{
    public static bool CanPlan(this ICurrentUser user, Guid cityId) => user.IsInRole(Roles.Admin) || user.CityIds.Contains(cityId);

    public static void RequireCity(this ICurrentUser user, Guid cityId, string what, object id)
    {
        if (!user.CanPlan(cityId))
        {
            throw new NotFoundException(what, id);
        }
    }

    /// <summary>The partner a charity or recycler's staff member works for; without one, their partner's data does not exist.</summary>
    public static Guid RequirePartner(this ICurrentUser user) => user.PartnerId ?? throw new NotFoundException("partner", Guid.Empty);

    /// <summary>The hub a hub operator works at; without one, hub data does not exist for them.</summary>
    public static Guid RequireHub(this ICurrentUser user) => user.HubId ?? throw new NotFoundException("hub", Guid.Empty);
}
