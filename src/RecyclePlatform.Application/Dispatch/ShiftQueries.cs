using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Dispatch;

public sealed record ShiftDto(Guid Id, Guid CourierId, string CourierName, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    Guid StartHubId, Guid EndHubId, int CapacityBags, int CapacityKg, bool DroppedOut, Guid CityId);

public sealed class ShiftQueries(IAppDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<ShiftDto>> ListAsync(Guid cityId, DateOnly day, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        return await (from s in db.Shifts.AsNoTracking()
                      join c in db.Couriers on s.CourierId equals c.Id
                      where s.CityId == cityId && s.LocalDate == day
                      orderby s.StartsAt, c.DisplayName
                      select new ShiftDto(s.Id, s.CourierId, c.DisplayName, s.LocalDate, s.StartsAt, s.EndsAt, s.StartHubId, s.EndHubId,
                          s.CapacityBags, s.CapacityKg, s.DroppedOut, s.CityId))
            .ToListAsync(ct);
    }
}
