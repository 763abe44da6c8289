using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Application.Notifications;

/// <summary>A donor's messages in the app: those about their pickups (invitations are e-mail only).</summary>
public sealed class NotificationQueries(IAppDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<Notification>> RecentAsync(Guid userId, int limit, CancellationToken ct) =>
        await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId && n.PickupId != null)
            .OrderByDescending(n => n.CreatedAt)
            .Take(limit)
            .ToListAsync(ct);

    public Task<int> UnreadCountAsync(Guid userId, CancellationToken ct) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.PickupId != null && n.ReadAt == null, ct);

    public Task<int> MarkAllReadAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
