using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Dispatch;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>The cities a dispatcher plans (every city for an administrator), and the one a page shows.</summary>
internal static class PlannedCities
{
    public static async Task<(IReadOnlyList<CityDto> Cities, CityDto? Shown)> LoadAsync(CityQueries cities, ICurrentUser user, Guid? cityId, CancellationToken ct)
    {
        IReadOnlyList<CityDto> planned = [.. (await cities.ListAsync(ct)).Where(c => user.CanPlan(c.Id))];
        return (planned, planned.FirstOrDefault(c => c.Id == cityId) ?? (planned.Count > 0 ? planned[0] : null));
    }
}
