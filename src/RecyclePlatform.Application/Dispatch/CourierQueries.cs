using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Dispatch;

public sealed record CourierAdminDto(Guid Id, string Name, string Email, Guid HubId, bool Active);

public sealed class CourierQueries(IAppDbContext db, ICurrentUser user, IIdentityService accounts)
{
    public async Task<IReadOnlyList<CourierAdminDto>> ListAsync(Guid cityId, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        var couriers = await db.Couriers.AsNoTracking().Where(c => c.CityId == cityId)
            .OrderByDescending(c => c.Active).ThenBy(c => c.DisplayName).ToListAsync(ct);
        var contacts = await accounts.ContactsAsync([.. couriers.Select(c => c.UserId)], ct);
        return [.. couriers.Select(c => new CourierAdminDto(c.Id, c.DisplayName, contacts.GetValueOrDefault(c.UserId)?.Email ?? "", c.HubId, c.Active))];
    }
}
