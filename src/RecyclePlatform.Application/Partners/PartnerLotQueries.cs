using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Regions;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Application.Partners;

public sealed record DistributionDto(Guid Id, Guid LotId, Guid ProgrammeId, NameDto Programme, DateOnly Date, string RegionCode, NameDto Region,
    int Items, int Beneficiaries, DateTimeOffset RecordedAt);

/// <summary>A charity's or recycler's lots and distributions: only those allocated to the signed-in partner exist for it.</summary>
public sealed class PartnerLotQueries(IAppDbContext db, ICurrentUser user, RegionCatalogue regions)
{
    public async Task<IReadOnlyList<LotDto>> MineAsync(CancellationToken ct)
    {
        var partnerId = user.RequirePartner();
        var lots = await db.Lots.AsNoTracking().Where(l => l.PartnerId == partnerId).OrderByDescending(l => l.AllocatedAt).Take(500).ToListAsync(ct);
        return await LotViews.ToDtosAsync(db, lots, ct);
    }

    public async Task<IReadOnlyList<DistributionDto>> DistributionsAsync(Guid? lotId, CancellationToken ct)
    {
        var partnerId = user.RequirePartner();
        var query = db.Distributions.AsNoTracking().Where(d => d.PartnerId == partnerId);
        if (lotId is { } id)
        {
            // Another partner's lot is not found, as everywhere else, rather than an empty list.
            if (!await db.Lots.AnyAsync(l => l.Id == id && l.PartnerId == partnerId, ct))
            {
                throw new NotFoundException("lot", id);
            }
            query = query.Where(d => d.LotId == id);
        }
        return await DistributionViews.ToDtosAsync(db, regions, query, ct);
    }
}

/// <summary>Distributions as people read them: the programme's and the region's names beside their ids.</summary>
public static class DistributionViews
{
    public static async Task<IReadOnlyList<DistributionDto>> ToDtosAsync(IAppDbContext db, RegionCatalogue regions, IQueryable<Distribution> query,
        CancellationToken ct)
    {
        var rows = await (from d in query
                          join p in db.Programmes on d.ProgrammeId equals p.Id
                          orderby d.Date descending, d.RecordedAt descending
                          select new { d, p.Name.English, p.Name.Chinese }).ToListAsync(ct);
        return [.. rows.Select(r => new DistributionDto(r.d.Id, r.d.LotId, r.d.ProgrammeId, new NameDto(r.English, r.Chinese), r.d.Date,
            r.d.RegionCode, regions.Find(r.d.RegionCode)?.Name ?? new NameDto(r.d.RegionCode, r.d.RegionCode), r.d.Items, r.d.Beneficiaries,
            r.d.RecordedAt))];
    }
}
