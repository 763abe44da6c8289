using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Slots;

/// <summary>
/// Takes and frees places with one conditional UPDATE each. The database evaluates
/// `booked &lt; capacity` and increments in the same statement, so however many requests race
/// for the last place, exactly one gets it; the others see zero rows changed.
/// </summary>
public sealed class SlotReservations(IAppDbContext db)
{
    public async Task<bool> TryTakeAsync(Guid slotId, CancellationToken ct) =>
        await db.Slots
            .Where(s => s.Id == slotId && s.Booked < s.Capacity)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Booked, x => x.Booked + 1)
                .SetProperty(x => x.Version, x => x.Version + 1), ct) == 1;

    public async Task ReleaseAsync(Guid slotId, CancellationToken ct) =>
        await db.Slots
            .Where(s => s.Id == slotId && s.Booked > 0)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Booked, x => x.Booked - 1)
                .SetProperty(x => x.Version, x => x.Version + 1), ct);
}
