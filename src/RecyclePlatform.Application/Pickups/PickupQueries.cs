using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Pickups;

public sealed record PickupSummaryDto(string Reference, PickupStatus Status, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
    string TimeZone, NameDto City, NameDto District, int Bags, DateTimeOffset CreatedAt, long Version);

public sealed record PickupPageDto(IReadOnlyList<PickupSummaryDto> Items, string? NextCursor);

public sealed record TimelineEntryDto(DateTimeOffset At, PickupActor Actor, PickupStatus? From, PickupStatus To, string? Note);

public sealed record PickupDetailsDto(
    string Reference, PickupStatus Status, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string TimeZone,
    NameDto City, NameDto District, Guid DistrictId, AddressInput Address, IReadOnlyList<ItemCategories> Categories, int Bags,
    WeightBand Weight, ItemCondition Condition, NameDto? Charity, IReadOnlyList<string> Labels,
    IReadOnlyList<TimelineEntryDto> Timeline, DateTimeOffset ChangeableUntil, bool CanChange, bool CanCancel, long Version,
    int? CollectedBags = null, decimal? CollectedKg = null, FailureReason? FailureReason = null,
    DateTimeOffset? WithCharityAt = null, DateOnly? DistributedOn = null);

/// <summary>A donor's own pickups. Someone else's is simply not found.</summary>
public sealed class PickupQueries(IAppDbContext db, ReferenceData places, TimeProvider time)
{
    public const int MaxPageSize = 50;

    /// <summary>Newest first, keyset-paginated: the cursor is the last item's (created, id), so pages never shift.</summary>
    public async Task<PickupPageDto> ListMineAsync(Guid consumerId, string? cursor, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var query = db.Pickups.AsNoTracking().Where(p => p.ConsumerId == consumerId);
        if (DecodeCursor(cursor) is var (createdAt, id))
        {
            query = query.Where(p => p.CreatedAt < createdAt || (p.CreatedAt == createdAt && p.Id.CompareTo(id) < 0));
        }
        var rows = await (from p in query
                          join c in db.Cities on p.CityId equals c.Id
                          join d in db.Districts on p.Address.DistrictId equals d.Id
                          orderby p.CreatedAt descending, p.Id descending
                          select new
                          {
                              p.Id,
                              Dto = new PickupSummaryDto(PickupReference.Format(p.Reference), p.Status, p.WindowStart, p.WindowEnd, c.TimeZoneId,
                                  new NameDto(c.Name.English, c.Name.Chinese), new NameDto(d.Name.English, d.Name.Chinese),
                                  p.Donation.Bags, p.CreatedAt, p.Version),
                          })
            .Take(limit + 1)
            .ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? EncodeCursor(page[^1].Dto.CreatedAt, page[^1].Id) : null;
        return new PickupPageDto([.. page.Select(r => r.Dto)], next);
    }

    public async Task<PickupDetailsDto> GetMineAsync(Guid consumerId, string reference, CancellationToken ct)
    {
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var pickup = await db.Pickups.AsNoTracking().SingleOrDefaultAsync(p => p.Reference == canonical && p.ConsumerId == consumerId, ct)
            ?? throw new NotFoundException("pickup", reference);
        return await DetailsAsync(pickup, ct);
    }

    /// <summary>A pickup the caller already holds (just booked, say), as its owner sees it: no need to read it back.</summary>
    public async Task<PickupDetailsDto> DetailsAsync(Pickup pickup, CancellationToken ct)
    {
        var (district, city) = await places.DistrictAsync(pickup.Address.DistrictId, ct)
            ?? throw new InvalidOperationException($"The district of pickup {pickup.Id} is gone.");
        NameDto? charity = null;
        if (pickup.Donation.CharityId is { } charityId)
        {
            charity = await db.Partners.AsNoTracking().Where(p => p.Id == charityId)
                .Select(p => new NameDto(p.Name.English, p.Name.Chinese)).SingleOrDefaultAsync(ct);
        }
        var a = pickup.Address;
        // After sorting, the bags travel in lots: the tracker follows the reuse lots to the charity and their first distribution.
        DateTimeOffset? withCharity = null;
        DateOnly? distributed = null;
        if (pickup.Status == PickupStatus.Sorted)
        {
            var lots = await db.Lots.AsNoTracking().Where(l => l.Pickups.Any(p => p.PickupId == pickup.Id) && l.Stream == Domain.Hubs.LotStream.Reuse)
                .Select(l => new { l.ReceivedAt, FirstGiven = db.Distributions.Where(d => d.LotId == l.Id).Min(d => (DateOnly?)d.Date) })
                .ToListAsync(ct);
            withCharity = lots.Min(l => l.ReceivedAt);
            distributed = withCharity is null ? null : lots.Min(l => l.FirstGiven);
        }
        var (cutoff, now) = (city.Booking.Cutoff, time.GetUtcNow());
        return new PickupDetailsDto(
            PickupReference.Format(pickup.Reference), pickup.Status, pickup.WindowStart, pickup.WindowEnd, city.TimeZoneId,
            new NameDto(city.Name.English, city.Name.Chinese), new NameDto(district.Name.English, district.Name.Chinese), district.Id,
            AddressInput.From(a),
            pickup.Donation.Categories.Each(),
            pickup.Donation.Bags, pickup.Donation.Weight, pickup.Donation.Condition, charity,
            [.. pickup.Labels.OrderBy(l => l.BagNumber).Select(l => l.LabelId)],
            [.. pickup.Timeline.OrderBy(e => e.At).Select(e => new TimelineEntryDto(e.At, e.Actor, e.From, e.To, e.Note))],
            pickup.ChangeableUntil(cutoff),
            pickup.CanBeRescheduledByDonor(cutoff, now),
            pickup.CanBeCancelledByDonor(cutoff, now),
            pickup.Version,
            pickup.Collection?.Bags, pickup.Collection?.WeightKg, pickup.FailureReason, withCharity, distributed);
    }

    private static string EncodeCursor(DateTimeOffset createdAt, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateTimeOffset, Guid)? DecodeCursor(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor))
        {
            return null;
        }
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            return (new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero), Guid.ParseExact(parts[1], "N"));
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("cursor", "The cursor is not valid.") { ErrorCode = Rules.Pagination.CursorInvalid.Code }]);
        }
    }
}
