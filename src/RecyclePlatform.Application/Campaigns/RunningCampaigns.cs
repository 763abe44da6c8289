using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;

namespace RecyclePlatform.Application.Campaigns;

/// <summary>
/// The campaigns a pickup booked in a city on a day (the city's date) can count for, the one it counts
/// for when the donor chooses none first (the most recently started). Booking and its form ask the same question.
/// </summary>
public static class RunningCampaigns
{
    public static async Task<List<Campaign>> InAsync(IAppDbContext db, Guid cityId, DateOnly day, CancellationToken ct) =>
        await db.Campaigns.AsNoTracking()
            .Where(c => c.StartsOn <= day && c.EndsOn >= day && c.Cities.Any(x => x.CityId == cityId))
            .OrderByDescending(c => c.StartsOn).ThenBy(c => c.Slug)
            .ToListAsync(ct);
}
