using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Campaigns;

/// <param name="Address">Where to bring the bags: only for the team's members.</param>
/// <param name="MyReference">The viewer's own pickup booked here, if any.</param>
/// <param name="Bookable">The viewer, a member, may still book here (before the cut-off, with room, not yet booked).</param>
public sealed record CollectionPointView(Guid Id, Guid TeamId, LocalizedName City, LocalizedName District, DateOnly Date, string LocalStart, string LocalEnd,
    DateTimeOffset WindowStart, int Households, int Bags, PickupAddress? Address, string? MyReference, bool Bookable, bool Organiser);

/// <summary>A team's collection points to come (and today's), for its page: the public sees when and which district, members where.</summary>
public sealed class CollectionPointQueries(IAppDbContext db, ReferenceData places, TimeProvider time)
{
    public async Task<IReadOnlyList<CollectionPointView>> ForTeamAsync(Guid teamId, Guid? viewer, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await ViewsAsync(await db.CollectionPoints.AsNoTracking()
            .Where(p => p.TeamId == teamId && p.CancelledAt == null && p.WindowEnd > now)
            .OrderBy(p => p.WindowStart).ToListAsync(ct), teamId, viewer, now, ct);
    }

    /// <summary>One point still to come (or under way), or null when there is none such.</summary>
    public async Task<CollectionPointView?> OneAsync(Guid id, Guid? viewer, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var point = await db.CollectionPoints.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.CancelledAt == null && p.WindowEnd > now, ct);
        return point is null ? null : (await ViewsAsync([point], point.TeamId, viewer, now, ct)).SingleOrDefault();
    }

    private async Task<IReadOnlyList<CollectionPointView>> ViewsAsync(List<CollectionPoint> points, Guid teamId, Guid? viewer, DateTimeOffset now, CancellationToken ct)
    {
        if (points.Count == 0)
        {
            return [];
        }
        var ids = points.Select(p => p.Id).ToList();
        var households = await db.Pickups.AsNoTracking()
            .Where(p => p.CollectionPointId != null && ids.Contains(p.CollectionPointId.Value) && !PickupStatuses.EndedUncollected.Contains(p.Status))
            .Select(p => new { PointId = p.CollectionPointId!.Value, p.ConsumerId, p.Reference, p.Donation.Bags }).ToListAsync(ct);
        var member = viewer is { } v && await db.TeamMembers.AnyAsync(m => m.UserId == v && m.TeamId == teamId, ct);
        var organiser = member && await db.Teams.AnyAsync(t => t.Id == teamId && t.CreatedBy == viewer, ct);
        var views = new List<CollectionPointView>();
        foreach (var point in points)
        {
            if (await places.DistrictAsync(point.Address.DistrictId, ct) is not { } found)
            {
                continue;
            }
            var (district, city) = found;
            var zone = CityClock.Zone(city);
            var here = households.Where(h => h.PointId == point.Id).ToList();
            var mine = member && here.FirstOrDefault(h => h.ConsumerId == viewer) is { } own ? PickupReference.Format(own.Reference) : null;
            views.Add(new CollectionPointView(point.Id, teamId, city.Name, district.Name,
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(point.WindowStart, zone).DateTime),
                TimeZoneInfo.ConvertTime(point.WindowStart, zone).ToString("HH:mm", CultureInfo.InvariantCulture),
                TimeZoneInfo.ConvertTime(point.WindowEnd, zone).ToString("HH:mm", CultureInfo.InvariantCulture),
                point.WindowStart, here.Count, here.Sum(h => h.Bags), member ? point.Address : null, mine,
                Bookable: member && mine is null && CollectionPoint.HasRoom(here.Count) && now < point.WindowStart - city.Booking.Cutoff,
                Organiser: organiser));
        }
        return views;
    }
}
