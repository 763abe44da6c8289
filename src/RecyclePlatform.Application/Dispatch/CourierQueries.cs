using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Dispatch;

public sealed record CourierAdminDto(Guid Id, string Name, string Email, Guid HubId, bool Active);

public sealed class CourierQueries(IAppDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<CourierAdminDto>> ListAsync(Guid cityId, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        return await (from c in db.Couriers.AsNoTracking()
                      join u in db.Users on c.UserId equals u.Id
                      where c.CityId == cityId
                      orderby c.Active descending, c.DisplayName
                      select new CourierAdminDto(c.Id, c.DisplayName, u.Email ?? "", c.HubId, c.Active))
            .ToListAsync(ct);
    }
}
