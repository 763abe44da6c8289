using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Domain.Custody;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Impact;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Ledger;

/// <summary>
/// The one place where custody facts become ledger entries and donor notifications. A use case
/// calls <see cref="RecordAsync"/> after the domain change and before its save: every fact of every
/// tracked aggregate joins the same unit of work, so the change, its entry and its message commit
/// together or not at all. The database context refuses to save an aggregate with facts left
/// (<see cref="UnrecordedCustodyFactsException"/>).
/// </summary>
public sealed class CustodyRecorder(IAppDbContext db, DonorCommitments commitments, LedgerOutbox ledger, NotificationOutbox notifications)
{
    private readonly Dictionary<Guid, (string Zone, CityCode Slug)> _cities = [];
    private readonly Dictionary<Guid, Guid> _courierHubs = [];

    public async Task RecordAsync(CancellationToken ct)
    {
        var holders = db.ChangeTracker.Entries().Select(e => e.Entity).OfType<IRecordsCustody>().Where(h => h.CustodyFacts.Count > 0).ToList();
        foreach (var holder in holders)
        {
            foreach (var fact in holder.CustodyFacts.ToList())
            {
                await RecordAsync(holder, fact, ct);
            }
            holder.ClearCustodyFacts();
        }
    }

    private async Task RecordAsync(IRecordsCustody holder, CustodyFact fact, CancellationToken ct)
    {
        switch (fact)
        {
            case PickupOnTheWay f:
                await NotifyAsync((Pickup)holder, NotificationKind.OnTheWay, f.At, ct);
                break;
            case PickupNotCollected f:
                await NotifyAsync((Pickup)holder, NotificationKind.NotCollected, f.At, ct);
                break;
            case PickupCollected f:
            {
                var pickup = (Pickup)holder;
                var opening = await commitments.OpeningForAsync(pickup, ct);
                var city = await CityAsync(pickup.CityId, ct);
                ledger.Append(new CollectedEntry(f.At, city.Slug, await HubOfAsync(f.CourierId, ct), opening.Commitment, f.Bags,
                    CustodyEntry.ToGrams(f.Kg), [.. f.Labels.Select(opening.Label)],
                    f.PhotoSha256 is { } photo ? HexDigest.Parse(photo) : null)
                {
                    District = await DistrictAsync(pickup.Address.DistrictId, ct),
                    Campaign = pickup.CampaignId,
                    Team = pickup.TeamId,
                });
                await NotifyAsync(pickup, NotificationKind.Collected, f.At, ct);
                break;
            }
            case PickupReceivedAtHub f:
            {
                var pickup = (Pickup)holder;
                var opening = await commitments.OpeningForAsync(pickup, ct);
                ledger.Append(new ReceivedAtHubEntry(f.At, await HubOfAsync(f.CourierId, ct), opening.Commitment,
                    [.. f.Received.Select(opening.Label)], [.. f.Missing.Select(opening.Label)],
                    f.IntakeKg is { } kg ? CustodyEntry.ToGrams(kg) : null, f.IntakeKg is null ? null : f.WeightDiscrepancy));
                await NotifyAsync(pickup, NotificationKind.AtHub, f.At, ct);
                break;
            }
            case LotSorted f:
            {
                // Sorted pickups were committed at the door: their commitments are read, not recomputed from the salt.
                var named = new List<HexDigest>();
                foreach (var pickup in await PickupsAsync(f.PickupIds, ct))
                {
                    named.Add(await commitments.CommitmentAsync(pickup, ct));
                }
                ledger.Append(new SortedEntry(f.At, f.HubId, f.LotId, f.Stream, CustodyEntry.ToGrams(f.Kg), f.Categories.Each(), named));
                break;
            }
            case LotAllocated f:
                ledger.Append(new AllocatedEntry(f.At, f.LotId, f.PartnerId, f.PartnerKind, CustodyEntry.ToGrams(f.Kg)));
                break;
            case LotReceived f:
                ledger.Append(new ReceivedByPartnerEntry(f.At, f.LotId, f.PartnerId, CustodyEntry.ToGrams(f.Kg), f.Items, f.Discrepancy));
                break;
            case LotDistributed f:
                ledger.Append(new DistributedEntry(f.At, f.LotId, f.PartnerId, f.ProgrammeId, f.Date, RegionCode.Parse(f.RegionCode), f.Items,
                    f.Beneficiaries));
                break;
            case LotRecycled f:
                ledger.Append(new RecycledEntry(f.At, f.LotId, f.PartnerId, CustodyEntry.ToGrams(f.Kg)));
                break;
            case EntryCorrected f:
                ledger.Append(CorrectionEntry.For(f.At, f.Corrects, f.Subject, f.Reason, f.Fields));
                break;
            case ImpactFactorsPublished f:
                ledger.Append(new ImpactFactorsEntry(f.At, f.Version, f.Factors, f.Table));
                break;
            default:
                throw new InvalidOperationException($"No ledger entry or notification is defined for {fact.GetType().Name}.");
        }
    }

    private async Task NotifyAsync(Pickup pickup, NotificationKind kind, DateTimeOffset at, CancellationToken ct) =>
        notifications.Add(kind, pickup, (await CityAsync(pickup.CityId, ct)).Zone, at);

    private async Task<(string Zone, CityCode Slug)> CityAsync(Guid cityId, CancellationToken ct)
    {
        if (!_cities.TryGetValue(cityId, out var city))
        {
            var row = await db.Cities.AsNoTracking().Where(c => c.Id == cityId).Select(c => new { c.TimeZoneId, c.Slug }).SingleAsync(ct);
            _cities[cityId] = city = (row.TimeZoneId, CityCode.Parse(row.Slug));
        }
        return city;
    }

    /// <summary>The district's slug (a code an administrator chose); null for a district erased since.</summary>
    private async Task<CityCode?> DistrictAsync(Guid districtId, CancellationToken ct) =>
        await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => d.Slug).SingleOrDefaultAsync(ct) is { } slug
            ? CityCode.Parse(slug)
            : null;

    /// <summary>Bags go to the hub the courier works from; the hand-over is scoped to that hub too.</summary>
    private async Task<Guid> HubOfAsync(Guid courierId, CancellationToken ct)
    {
        if (!_courierHubs.TryGetValue(courierId, out var hub))
        {
            _courierHubs[courierId] = hub = await db.Couriers.Where(c => c.Id == courierId).Select(c => c.HubId).SingleAsync(ct);
        }
        return hub;
    }

    private async Task<List<Pickup>> PickupsAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var tracked = db.ChangeTracker.Entries<Pickup>().Select(e => e.Entity).Where(p => ids.Contains(p.Id)).ToList();
        var missing = ids.Except(tracked.Select(p => p.Id)).ToList();
        if (missing.Count > 0)
        {
            tracked.AddRange(await db.Pickups.Where(p => missing.Contains(p.Id)).ToListAsync(ct));
        }
        return tracked;
    }
}

/// <summary>Thrown by the database context when a save would lose custody facts nobody recorded.</summary>
public sealed class UnrecordedCustodyFactsException(string aggregate)
    : InvalidOperationException($"{aggregate} holds custody facts that were never recorded: call CustodyRecorder.RecordAsync before saving.");
