using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Campaigns;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.Application.Impact;

/// <summary>One line of a breakdown or leaderboard: the scope's key as the ledger names it, a name to show, and its figures.</summary>
public sealed record ImpactLine(string Key, LocalizedName Name, ImpactFigures Figures);

/// <summary>Public totals as of one signed checkpoint, with the factor table they used.</summary>
public sealed record ImpactSnapshot(
    ImpactCheckpoint Checkpoint, FactorTable? Factors, ImpactFigures Totals, IReadOnlyList<ImpactLine> Cities,
    IReadOnlyList<ImpactLine> Districts, IReadOnlyList<ImpactLine> Teams, IReadOnlyList<ImpactLine> Partners, IReadOnlyList<(DateOnly Day, long Grams)> Days);

public sealed record CampaignSummary(Campaign Campaign, ImpactFigures? Totals);

/// <param name="Logos">The SHA-256 of each organiser's logo, by position; organisers without one are absent.</param>
public sealed record CampaignView(Campaign Campaign, IReadOnlyList<LocalizedName> Cities, ImpactSnapshot? Impact, IReadOnlyList<GiverLine> Givers,
    IReadOnlyDictionary<int, string> Logos);

/// <summary>
/// A donor who chose to appear, under the name they chose, with their pickups' kg at the door for the campaign.
/// Not recomputable from the log, which on purpose never links two pickups to one donor: the page says so.
/// </summary>
public sealed record GiverLine(string DisplayName, int Pickups, long DoorGrams);

public sealed record TeamView(Team Team, int Members, ImpactCheckpoint? Checkpoint, FactorTable? Factors, ImpactFigures? Totals,
    IReadOnlyList<(Campaign Campaign, ImpactFigures Figures)> Campaigns);

/// <summary>A donor's own impact: each collected pickup's share, private to them.</summary>
public sealed record DonorImpact(ImpactCheckpoint? Checkpoint, FactorTable? Factors, IReadOnlyList<(Guid PickupId, string Reference, PickupImpact Impact)> Pickups)
{
    public long DoorGrams => Pickups.Sum(p => p.Impact.DoorGrams);
    public long ReuseGrams => Pickups.Sum(p => p.Impact.ReuseGrams);
    public long RecycleGrams => Pickups.Sum(p => p.Impact.RecycleGrams);
    public long WasteGrams => Pickups.Sum(p => p.Impact.WasteGrams);
    public decimal Beneficiaries => Pickups.Sum(p => p.Impact.Beneficiaries);
    public long Co2eGrams => FactorTable.Co2e(Factors, ReuseGrams, RecycleGrams, WasteGrams);
    public long WaterLitres => FactorTable.Water(Factors, ReuseGrams, RecycleGrams, WasteGrams);
}

/// <summary>
/// Impact for pages and the API, from this node's <see cref="ImpactTally"/> (memory) and names from the
/// database. Leaderboards show the top <see cref="Leaders"/>; individuals never appear by name.
/// </summary>
public sealed class ImpactQueries(IAppDbContext db, ImpactTally tally, ReferenceData places)
{
    public const int Leaders = ImpactRanking.Leaders;

    public async Task<ImpactSnapshot?> PlatformAsync(CancellationToken ct) => await SnapshotAsync(null, ct);

    public async Task<IReadOnlyList<CampaignSummary>> CampaignsAsync(CancellationToken ct)
    {
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartsOn).ThenBy(c => c.Slug).ToListAsync(ct);
        return tally.Read((fold, _) => campaigns.Select(c => new CampaignSummary(c, fold?.Figures(ImpactScope.OfCampaign(c.Id)))).ToList());
    }

    /// <summary>The campaigns a pickup booked today in the city can count for (<see cref="RunningCampaigns"/>).</summary>
    /// <summary>The names of these campaigns (those not null), by id: for labelling the windows they offer.</summary>
    public async Task<IReadOnlyDictionary<Guid, LocalizedName>> CampaignNamesAsync(IReadOnlyCollection<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<Guid, LocalizedName>()
            : (await db.Campaigns.AsNoTracking().Where(c => wanted.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct)).ToDictionary(c => c.Id, c => c.Name);
    }

    public Task<List<Campaign>> RunningAsync(Guid cityId, DateOnly today, CancellationToken ct) => RunningCampaigns.InAsync(db, cityId, today, ct);

    public async Task<CampaignView?> CampaignAsync(string slug, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, ct);
        if (campaign is null)
        {
            return null;
        }
        var cities = await places.CitiesAsync(ct);
        var names = cities.Where(c => campaign.RunsIn(c.Id)).Select(c => c.Name).ToList();
        var logos = await db.OrganiserLogos.AsNoTracking().Where(l => l.CampaignId == campaign.Id).ToDictionaryAsync(l => l.Position, l => l.Sha256, ct);
        return new CampaignView(campaign, names, await SnapshotAsync(campaign.Id, ct), await GiversAsync(campaign.Id, ct), logos);
    }

    /// <summary>An organiser's logo as stored (re-encoded at upload).</summary>
    public async Task<Campaigns.OrganiserLogo?> LogoAsync(string slug, int position, CancellationToken ct) =>
        await db.Campaigns.AsNoTracking().Where(c => c.Slug == slug)
            .Join(db.OrganiserLogos.AsNoTracking().Where(l => l.Position == position), c => c.Id, l => l.CampaignId, (c, l) => l)
            .SingleOrDefaultAsync(ct);

    /// <summary>The top givers of a campaign among those who chose to appear (<see cref="PublicGiver"/>).</summary>
    private async Task<IReadOnlyList<GiverLine>> GiversAsync(Guid campaign, CancellationToken ct)
    {
        var pickups = await db.PublicGivers.AsNoTracking()
            .Join(db.Pickups.AsNoTracking().Where(p => p.CampaignId == campaign && p.LedgerCommitment != null),
                g => (Guid?)g.UserId, p => p.ConsumerId, (g, p) => new { g.UserId, g.DisplayName, p.LedgerCommitment })
            .ToListAsync(ct);
        return tally.Read((fold, _) => fold is null ? [] : pickups
            .Select(p => (p.UserId, p.DisplayName, Impact: fold.Pickup(p.LedgerCommitment!)))
            .Where(p => p.Impact is not null)
            .GroupBy(p => (p.UserId, p.DisplayName))
            .Select(g => new GiverLine(g.Key.DisplayName, g.Count(), g.Sum(p => p.Impact!.DoorGrams)))
            .OrderByDescending(g => g.DoorGrams).ThenBy(g => g.DisplayName, StringComparer.Ordinal)
            .Take(Leaders).ToList());
    }

    public async Task<TeamView?> TeamAsync(Guid id, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return null;
        }
        var members = await db.TeamMembers.CountAsync(m => m.TeamId == id, ct);
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartsOn).ToListAsync(ct);
        return tally.Read((fold, at) => fold is null
            ? new TeamView(team, members, null, null, null, [])
            : new TeamView(team, members, at, fold.Factors, fold.Figures(ImpactScope.OfTeam(id)),
                [.. campaigns.Select(c => (c, fold.Figures(ImpactScope.OfTeam(id, c.Id)))).Where(c => c.Item2.Pickups > 0)]));
    }

    /// <summary>The name the donor appears under on leaderboards, or null when they chose not to appear.</summary>
    public async Task<string?> PublicNameAsync(Guid userId, CancellationToken ct) =>
        await db.PublicGivers.Where(g => g.UserId == userId).Select(g => g.DisplayName).SingleOrDefaultAsync(ct);

    /// <summary>The signed-in donor's team, if any.</summary>
    public async Task<Team?> MyTeamAsync(Guid userId, CancellationToken ct) =>
        await db.TeamMembers.Where(m => m.UserId == userId).Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => t).AsNoTracking().SingleOrDefaultAsync(ct);

    /// <summary>The donor's collected pickups and each one's share, newest first. Only ever for the donor themself.</summary>
    public async Task<DonorImpact> DonorAsync(Guid userId, Guid? pickupId, CancellationToken ct)
    {
        var pickups = await db.Pickups.AsNoTracking()
            .Where(p => p.ConsumerId == userId && p.LedgerCommitment != null && (pickupId == null || p.Id == pickupId))
            .OrderByDescending(p => p.WindowStart).Select(p => new { p.Id, p.Reference, p.LedgerCommitment }).ToListAsync(ct);
        return tally.Read((fold, at) => new DonorImpact(at, fold?.Factors, fold is null ? []
            : [.. pickups.Select(p => (p.Id, p.Reference, Impact: fold.Pickup(p.LedgerCommitment!))).Where(p => p.Impact is not null).Select(p => (p.Id, p.Reference, p.Impact!))]));
    }

    public async Task<ImpactFactorTable?> FactorsAsync(int? version, CancellationToken ct) => version is { } v
        ? await db.ImpactFactorTables.AsNoTracking().SingleOrDefaultAsync(t => t.Version == v, ct)
        : await db.ImpactFactorTables.AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ImpactFactorTable>> FactorVersionsAsync(CancellationToken ct) =>
        await db.ImpactFactorTables.AsNoTracking().OrderByDescending(t => t.Version).ToListAsync(ct);

    private async Task<ImpactSnapshot?> SnapshotAsync(Guid? campaign, CancellationToken ct)
    {
        var read = tally.Read((fold, at) => fold is null ? null : new
        {
            At = at!,
            fold.Factors,
            Totals = fold.Figures(campaign is { } k ? ImpactScope.OfCampaign(k) : ImpactScope.Platform),
            Cities = Top(fold.Breakdown(campaign, ScopeKind.City), int.MaxValue),
            Districts = Top(fold.Breakdown(campaign, ScopeKind.District), Leaders),
            Teams = Top(fold.Breakdown(campaign, ScopeKind.Team), Leaders),
            Partners = campaign is null ? Top(fold.Breakdown(null, ScopeKind.Partner), Leaders) : [],
            Days = fold.Days(campaign is { } c ? ImpactScope.OfCampaign(c) : ImpactScope.Platform),
        });
        if (read is null)
        {
            return null;
        }
        var cities = await places.CitiesAsync(ct);
        var citiesBySlug = cities.ToDictionary(c => c.Slug);
        var teamIds = read.Teams.Select(t => t.Scope.KeyId).ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var partnerIds = read.Partners.Select(p => p.Scope.KeyId).ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        LocalizedName Unknown(string key) => new(key, key);
        LocalizedName City(string slug) => citiesBySlug.TryGetValue(slug, out var city) ? city.Name : Unknown(slug);
        LocalizedName District(string key)
        {
            var (city, district) = (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);
            return citiesBySlug.TryGetValue(city, out var c) && c.Districts.FirstOrDefault(d => d.Slug == district) is { } d
                ? new LocalizedName($"{d.Name.English}, {c.Name.English}", $"{c.Name.Chinese}{d.Name.Chinese}")
                : Unknown(key);
        }
        return new ImpactSnapshot(read.At, read.Factors, read.Totals,
            [.. read.Cities.Select(c => new ImpactLine(c.Scope.Key, City(c.Scope.Key), c.Figures))],
            [.. read.Districts.Select(d => new ImpactLine(d.Scope.Key, District(d.Scope.Key), d.Figures))],
            [.. read.Teams.Select(t => new ImpactLine(t.Scope.Key, teams.TryGetValue(t.Scope.KeyId, out var n) ? new LocalizedName(n, n) : Unknown(t.Scope.Key), t.Figures))],
            [.. read.Partners.Select(p => new ImpactLine(p.Scope.Key, partners.GetValueOrDefault(p.Scope.KeyId) ?? Unknown(p.Scope.Key), p.Figures))],
            read.Days);
    }

    private static List<(ImpactScope Scope, ImpactFigures Figures)> Top(IReadOnlyList<(ImpactScope Scope, ImpactFigures Figures)> lines, int count) =>
        ImpactRanking.Top(lines, count);
}
