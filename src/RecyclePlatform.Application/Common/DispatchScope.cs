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
}
