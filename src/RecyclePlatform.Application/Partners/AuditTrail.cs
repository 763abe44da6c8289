using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;

namespace RecyclePlatform.Application.Partners;

public sealed record AuditFilter(DateOnly? From, DateOnly? To, Guid? CityId, Guid? LotId);

/// <summary>One custody event behind a partner's lot, with its ledger index and whether its proof checked out.</summary>
public sealed record AuditRow(Guid LotId, LotStream Stream, NameDto City, long LedgerIndex, string Kind, DateTimeOffset At, long? Grams,
    bool Verified, string LeafHash, string Entry);

public sealed record ProgrammeTotals(NameDto Programme, int Distributions, int Items, int Beneficiaries);

public sealed record YearStatementDto(int Year, NameDto Partner, int LotsReceived, decimal KgReceived, int ItemsReceived, int ItemsDistributed,
    int Beneficiaries, decimal KgRecycled, IReadOnlyList<ProgrammeTotals> Programmes, int EntriesVerified, int Entries);

/// <summary>
/// A partner's audit trail: for each of its lots, every ledger entry from the door pickups that
/// went into it (by their commitments) through sorting and allocation to its receipt and
/// distributions, each proven against the latest checkpoint.
/// </summary>
public sealed class AuditTrail(IAppDbContext db, ICurrentUser user, LedgerQueries ledger)
{
    public const int MaxLots = 200;

    public async Task<IReadOnlyList<AuditRow>> RowsAsync(AuditFilter filter, CancellationToken ct)
    {
        var partnerId = user.RequirePartner();
        var query = db.Lots.AsNoTracking().Where(l => l.PartnerId == partnerId);
        if (filter.CityId is { } city)
        {
            query = query.Where(l => l.CityId == city);
        }
        if (filter.LotId is { } lotId)
        {
            query = query.Where(l => l.Id == lotId);
        }
        var lots = await query.OrderByDescending(l => l.AllocatedAt).Take(MaxLots).ToListAsync(ct);
        var views = (await LotViews.ToDtosAsync(db, lots, ct)).ToDictionary(l => l.Id);
        var pickupIds = lots.SelectMany(l => l.Pickups.Select(p => p.PickupId)).Distinct().ToList();
        var commitments = await db.Pickups.AsNoTracking().Where(p => pickupIds.Contains(p.Id) && p.LedgerCommitment != null)
            .ToDictionaryAsync(p => p.Id, p => p.LedgerCommitment!, ct);
        var subjectsByLot = lots.ToDictionary(l => l.Id, l => l.Pickups.Select(p => commitments.GetValueOrDefault(p.PickupId)).OfType<string>()
            .Append(l.Id.ToString("D")).ToHashSet(StringComparer.Ordinal));
        // One query (and one proof query) for every lot's entries; each lot then takes its own.
        var entries = await ledger.BySubjectsAsync([.. subjectsByLot.Values.SelectMany(s => s).Distinct()], ct, MaxLots * 50);
        var rows = new List<AuditRow>();
        foreach (var lot in lots)
        {
            foreach (var entry in entries.Where(e => subjectsByLot[lot.Id].Contains(e.Entry.Subject)))
            {
                var at = entry.Entry.SequencedAt;
                if ((filter.From is { } from && DateOnly.FromDateTime(at.UtcDateTime) < from) || (filter.To is { } to && DateOnly.FromDateTime(at.UtcDateTime) > to))
                {
                    continue;
                }
                var json = JsonNode.Parse(entry.Entry.Entry);
                var grams = json?["grams"] is JsonValue g && g.TryGetValue<long>(out var value) ? value : (long?)null;
                var view = views[lot.Id];
                rows.Add(new AuditRow(lot.Id, lot.Stream, view.City, entry.Entry.Index, entry.Entry.Kind, at, grams, entry.Verified,
                    entry.Entry.LeafHash, entry.Entry.Entry));
            }
        }
        return rows;
    }

    /// <summary>A year at a glance (by the dates things were received and distributed), for annual reports and auditors.</summary>
    public async Task<YearStatementDto> YearAsync(int year, CancellationToken ct)
    {
        var partnerId = user.RequirePartner();
        if (year < CityClock.FirstDay.Year || year > CityClock.LastDay.Year)
        {
            throw new Domain.Common.DomainRuleException(Rules.Date.OutOfRange);
        }
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId, ct);
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddYears(1);
        var lots = await db.Lots.AsNoTracking().Where(l => l.PartnerId == partnerId && l.ReceivedAt >= start && l.ReceivedAt < end).ToListAsync(ct);
        var distributions = await (from d in db.Distributions.AsNoTracking()
                                   join p in db.Programmes on d.ProgrammeId equals p.Id
                                   where d.PartnerId == partnerId && d.Date >= new DateOnly(year, 1, 1) && d.Date <= new DateOnly(year, 12, 31)
                                   select new { d.Items, d.Beneficiaries, d.ProgrammeId, p.Name.English, p.Name.Chinese }).ToListAsync(ct);
        var trail = await RowsAsync(new AuditFilter(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), null, null), ct);
        return new YearStatementDto(year, new NameDto(partner.Name.English, partner.Name.Chinese), lots.Count, lots.Sum(l => l.ReceivedKg ?? 0),
            lots.Sum(l => l.ReceivedItems ?? 0), distributions.Sum(d => d.Items), distributions.Sum(d => d.Beneficiaries), lots.Sum(l => l.RecycledKg),
            [.. distributions.GroupBy(d => (d.ProgrammeId, d.English, d.Chinese)).OrderBy(g => g.Key.English, StringComparer.Ordinal)
                .Select(g => new ProgrammeTotals(new NameDto(g.Key.English, g.Key.Chinese), g.Count(), g.Sum(d => d.Items), g.Sum(d => d.Beneficiaries)))],
            trail.Count(r => r.Verified), trail.Count);
    }

    public static string FormatAt(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
