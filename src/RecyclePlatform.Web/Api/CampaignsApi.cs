using Microsoft.AspNetCore.Http.HttpResults;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Campaigns;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.Web.Api;

/// <summary>
/// Campaigns, teams and impact. Every public total says at which signed checkpoint it was computed
/// and with which factor table: <c>recycle-ledger-verify impact</c> recomputes it from the log.
/// </summary>
internal static class CampaignsApi
{
    public sealed record NameDto(string En, string Zh)
    {
        public static NameDto Of(LocalizedName name) => new(name.English, name.Chinese);
    }

    /// <param name="LogoUrl">The logo's address (it changes with the image, so it may be cached for good); null without one.</param>
    public sealed record OrganiserDto(OrganiserRole Role, NameDto Name, string? LogoUrl = null);

    /// <summary>A campaign's own pickup window, in each city's local time ("HH:mm").</summary>
    public sealed record WindowDto(string Starts, string Ends)
    {
        public static WindowDto Of(CampaignWindow w) => new(w.Starts.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            w.Ends.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    public sealed record CampaignDto(Guid Id, string Slug, NameDto Name, NameDto Story, DateOnly StartsOn, DateOnly EndsOn, long GoalKg,
        IReadOnlyList<Guid> CityIds, IReadOnlyList<OrganiserDto> Organisers, IReadOnlyList<WindowDto> Windows, long Version)
    {
        /// <param name="logos">Each organiser's logo SHA-256 by position, where the answer shows them.</param>
        public static CampaignDto Of(Campaign c, IReadOnlyDictionary<int, string>? logos = null) => new(c.Id, c.Slug, NameDto.Of(c.Name),
            new NameDto(c.StoryEnglish, c.StoryChinese), c.StartsOn, c.EndsOn, c.GoalKg, [.. c.Cities.Select(x => x.CityId)],
            [.. c.Organisers.OrderBy(o => o.Position).Select(o => new OrganiserDto(o.Role, NameDto.Of(o.Name),
                logos is not null && logos.TryGetValue(o.Position, out var sha) ? LogoPath(c.Slug, o.Position, sha) : null))],
            [.. c.Windows.OrderBy(w => w.Position).Select(WindowDto.Of)], c.Version);
    }

    public sealed record CheckpointDto(long Size, string RootHash, DateTimeOffset SignedAt)
    {
        public static CheckpointDto Of(ImpactCheckpoint c) => new(c.Size, Convert.ToBase64String(c.RootHash), c.SignedAt);

        /// <summary>Null while the node is still folding the log.</summary>
        public static CheckpointDto? OfAny(ImpactCheckpoint? c) => c is null ? null : Of(c);
    }

    public sealed record FactorsDto(int Version, string TableSha256)
    {
        public static FactorsDto? Of(FactorTable? f) => f is null ? null : new(f.Version, f.TableSha256);
    }

    public sealed record LineDto(string Key, NameDto Name, ImpactFigures Figures);

    public sealed record DayDto(DateOnly Day, long Grams);

    /// <summary>Null while this node is still folding the log after a start (a few seconds at most).</summary>
    public sealed record ImpactDto(CheckpointDto Checkpoint, FactorsDto? Factors, ImpactFigures Totals, IReadOnlyList<LineDto> Cities,
        IReadOnlyList<LineDto> Districts, IReadOnlyList<LineDto> Teams, IReadOnlyList<LineDto> Partners, IReadOnlyList<DayDto> Days)
    {
        public static ImpactDto? Of(ImpactSnapshot? s) => s is null ? null : new(CheckpointDto.Of(s.Checkpoint),
            FactorsDto.Of(s.Factors), s.Totals, Lines(s.Cities), Lines(s.Districts), Lines(s.Teams),
            Lines(s.Partners), [.. s.Days.Select(d => new DayDto(d.Day, d.Grams))]);

        private static List<LineDto> Lines(IReadOnlyList<ImpactLine> lines) => [.. lines.Select(l => new LineDto(l.Key, NameDto.Of(l.Name), l.Figures))];
    }

    public sealed record CampaignSummaryDto(CampaignDto Campaign, ImpactFigures? Totals);

    /// <param name="Givers">Donors who chose to appear, under their chosen name (not recomputable from the log: it never links a donor's pickups).</param>
    public sealed record CampaignImpactDto(CampaignDto Campaign, ImpactDto? Impact, IReadOnlyList<GiverLine> Givers);

    public sealed record PublicNameDto(string? DisplayName);

    public sealed record TeamDto(Guid Id, string Name, TeamKind Kind, int? Members, string? JoinCode);

    public sealed record TeamCampaignDto(Guid Campaign, string Slug, ImpactFigures Figures);

    public sealed record TeamImpactDto(TeamDto Team, CheckpointDto? Checkpoint, FactorsDto? Factors, ImpactFigures? Totals, IReadOnlyList<TeamCampaignDto> Campaigns);

    public sealed record PickupImpactDto(Guid PickupId, string Reference, PickupImpact Impact);

    public sealed record DonorImpactDto(CheckpointDto? Checkpoint, FactorsDto? Factors, long DoorGrams, long ReuseGrams, long RecycleGrams, long WasteGrams,
        decimal Beneficiaries, long Co2eGrams, long WaterLitres, IReadOnlyList<PickupImpactDto> Pickups);

    public sealed record FactorVersionDto(int Version, DateTimeOffset PublishedAt, string Sha256);

    /// <param name="Date">The city's date of the window; <paramref name="LocalStart"/> and <paramref name="LocalEnd"/> its local times.</param>
    /// <param name="Address">Where members bring the bags, with the organiser's contact: only for the team's members.</param>
    /// <param name="MyReference">The caller's own pickup booked there, if any.</param>
    public sealed record CollectionPointDto(Guid Id, Guid TeamId, NameDto City, NameDto District, DateOnly Date, string LocalStart, string LocalEnd,
        DateTimeOffset WindowStart, int Households, int Bags, int MaxHouseholds, Application.Pickups.AddressInput? Address, string? MyReference, bool Bookable)
    {
        public static CollectionPointDto Of(CollectionPointView v) => new(v.Id, v.TeamId, NameDto.Of(v.City), NameDto.Of(v.District), v.Date,
            v.LocalStart, v.LocalEnd, v.WindowStart, v.Households, v.Bags, CollectionPoint.MaxHouseholds,
            v.Address is { } a ? Application.Pickups.AddressInput.From(a) : null,
            v.MyReference, v.Bookable);
    }

    /// <param name="Url">The public page anyone with the link may open.</param>
    /// <param name="CardUrl">Its card, a 1200 × 630 PNG (add <c>?lang=en</c> or <c>?lang=zh</c>).</param>
    public sealed record ShareLinkDto(string Token, string Url, string CardUrl, DateTimeOffset CreatedAt)
    {
        public static ShareLinkDto Of(HttpRequest request, ImpactShareLink link) => new(link.Token,
            Pages.Shared.ImpactCards.Absolute(request, $"/Share/{link.Token}"), Pages.Shared.ImpactCards.Absolute(request, $"/Share/{link.Token}/card.png"), link.CreatedAt);
    }

    public static void MapCampaignsApi(this RouteGroupBuilder v1)
    {
        var campaigns = v1.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapGet("/", List).AllowAnonymous().WithSummary("Every campaign, newest first, with its totals at the latest checkpoint this node has folded.");
        campaigns.MapGet("/{slug}", Get).AllowAnonymous().WithName(RouteNames.Campaign)
            .WithSummary("A campaign with its live totals: by city, district and team, per day, and what happened to the clothes. Recompute them with `recycle-ledger-verify impact`.");
        campaigns.MapPost("/", Create).RequireAuthorization(Roles.Admin).WithSummary("Administrators: start a campaign (names and story in English and Chinese, period, cities, goal, organisers).");
        campaigns.MapGet("/{slug}/organisers/{position:int}/logo", Logo).AllowAnonymous().WithSummary("An organiser's logo (PNG, JPEG or WebP).");
        campaigns.MapPut("/{slug}/organisers/{position:int}/logo", UploadLogo).RequireAuthorization(Roles.Admin).Accepts<byte[]>("image/png", "image/jpeg", "image/webp")
            .WithSummary("Administrators: upload an organiser's or partner's logo as the raw image body (PNG, JPEG or WebP, at most 1 MB); it is decoded and re-encoded.");
        campaigns.MapPut("/{slug}", Update).RequireAuthorization(Roles.Admin).WithSummary("Administrators: edit a campaign; its slug stays. Honours If-Match.");

        var teams = v1.MapGroup("/teams").WithTags("Campaigns");
        teams.MapPost("/", Form).RequireAuthorization(Roles.Consumer).WithSummary("Form a team (company, university or community) and join it; the answer carries its join code.");
        teams.MapGet("/mine", Mine).RequireAuthorization(Roles.Consumer).WithSummary("The caller's team with its join code; 404 when they are in none.");
        teams.MapPost("/membership", Join).RequireAuthorization(Roles.Consumer).WithSummary("Join a team with its code (one team at a time); later bookings count for it.");
        teams.MapDelete("/membership", Leave).RequireAuthorization(Roles.Consumer).WithSummary("Leave your team; pickups already booked keep counting for it.");
        teams.MapGet("/{id:guid}/collection-points", CollectionPoints).AllowAnonymous()
            .WithSummary("The team's collection points to come: when and which district for everyone, the address for its members.");
        teams.MapPost("/{id:guid}/collection-points", HoldCollectionPoint).RequireAuthorization(Roles.Consumer)
            .WithSummary("The team's founder holds a collection point: one address and a window of its district, where members bring their bags.");
        teams.MapDelete("/collection-points/{pointId:guid}", CancelCollectionPoint).RequireAuthorization(Roles.Consumer)
            .WithSummary("The founder calls a collection point off before the cut-off; the members' pickups there are cancelled and they are told.");
        teams.MapPost("/collection-points/{pointId:guid}/pickups", BookAtCollectionPoint).RequireAuthorization(Roles.Consumer)
            .WithSummary("A member books their bags into a collection point: a pickup of their own at its address and window, counted for the team.");
        teams.MapGet("/{id:guid}", Team).AllowAnonymous().WithName(RouteNames.Team)
            .WithSummary("A team's public page: its name, kind, member count and totals (never who its members are, never its code).");

        var impact = v1.MapGroup("/impact").WithTags("Campaigns");
        impact.MapGet("/", Platform).AllowAnonymous().WithSummary("The platform's totals: by city and partner, per day, and the CO2e and water they avoided.");
        impact.MapGet("/mine", MyImpact).RequireAuthorization(Roles.Consumer).WithSummary("The caller's own impact, pickup by pickup (private to them).");
        impact.MapGet("/public-name", PublicName).RequireAuthorization(Roles.Consumer)
            .WithSummary("The name the caller appears under on campaign leaderboards, or null when they chose not to appear.");
        impact.MapPut("/public-name", ChoosePublicName).RequireAuthorization(Roles.Consumer)
            .WithSummary("Appear on campaign leaderboards under a name of your choosing (2–40 characters, no e-mail or phone), or send an empty name to stop appearing.");
        impact.MapPost("/share", Share).RequireAuthorization(Roles.Consumer)
            .WithSummary("Share your impact: a public link (random token) to your totals and their card, under your public name or as \"a RecyclePlatform donor\"; 201 with a new link, 200 with the one you have.");
        impact.MapGet("/share", MyShare).RequireAuthorization(Roles.Consumer).WithName(RouteNames.ImpactShare)
            .WithSummary("Your share link; 404 when you do not share your impact.");
        impact.MapDelete("/share", StopSharing).RequireAuthorization(Roles.Consumer)
            .WithSummary("Stop sharing your impact: the link and its card answer 404 from now on (sharing again makes a new link).");
        impact.MapGet("/factors", Factors).AllowAnonymous().WithSummary("Every published version of the factor table, newest first, with its SHA-256.");
        impact.MapGet("/factors/{version:int}", Factor).AllowAnonymous().WithName(RouteNames.ImpactFactors)
            .WithSummary("One version of the factor table as RFC 8785 canonical JSON: its SHA-256 is the one its impact_factors ledger entry carries.");
        impact.MapPost("/factors", Publish).RequireAuthorization(Roles.Admin)
            .WithSummary("Administrators: publish a new version of the factor table (a CO2e and a water factor per stream, each with source and year).");
    }

    private static async Task<Ok<List<CampaignSummaryDto>>> List(ImpactQueries impact, CancellationToken ct) =>
        TypedResults.Ok((await impact.CampaignsAsync(ct)).Select(c => new CampaignSummaryDto(CampaignDto.Of(c.Campaign), c.Totals)).ToList());

    private static async Task<Results<Ok<CampaignImpactDto>, NotFound>> Get(string slug, ImpactQueries impact, HttpContext http, CancellationToken ct)
    {
        if (await impact.CampaignAsync(slug, ct) is not { } view)
        {
            return TypedResults.NotFound();
        }
        Http.SetETag(http, view.Campaign.Version);
        return TypedResults.Ok(new CampaignImpactDto(CampaignDto.Of(view.Campaign, view.Logos), ImpactDto.Of(view.Impact), view.Givers));
    }

    public static string LogoPath(string slug, int position, string sha256) =>
        $"/api/v1/campaigns/{Uri.EscapeDataString(slug)}/organisers/{position.ToString(System.Globalization.CultureInfo.InvariantCulture)}/logo?v={sha256[..16]}";

    public sealed record LogoDto(string Sha256, string Url);

    private static async Task<Ok<LogoDto>> UploadLogo(string slug, int position, HttpRequest request, UploadOrganiserLogoHandler handler, CancellationToken ct)
    {
        var content = await Http.ReadBoundedAsync(request.Body, request.ContentLength, OrganiserLogo.MaxBytes, Rules.Campaign.LogoTooLarge, ct);
        var sha = await handler.HandleAsync(slug, position, content, ct);
        return TypedResults.Ok(new LogoDto(sha, LogoPath(slug, position, sha)));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Logo(string slug, int position, ImpactQueries impact, HttpContext http, CancellationToken ct)
    {
        if (await impact.LogoAsync(slug, position, ct) is not { } logo)
        {
            return TypedResults.NotFound();
        }
        // The address carries the image's hash (?v=): a new logo is a new address.
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.File(logo.Content, logo.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{logo.Sha256}\""));
    }

    private static async Task<Created<CampaignDto>> Create(CampaignInput input, CreateCampaignHandler handler, HttpContext http, CancellationToken ct)
    {
        var campaign = await handler.HandleAsync(input, ct);
        return Http.CreatedAt(http, CampaignDto.Of(campaign), RouteNames.Campaign, new { slug = campaign.Slug });
    }

    private static async Task<Ok<CampaignDto>> Update(string slug, CampaignInput input, UpdateCampaignHandler handler, HttpContext http, CancellationToken ct)
    {
        var campaign = await handler.HandleAsync(slug, input, Http.IfMatch(http), ct);
        Http.SetETag(http, campaign.Version);
        return TypedResults.Ok(CampaignDto.Of(campaign));
    }

    private static async Task<Created<TeamDto>> Form(FormTeamCommand command, FormTeamHandler handler, HttpContext http, CancellationToken ct)
    {
        var team = await handler.HandleAsync(command, ct);
        return Http.CreatedAt(http, new TeamDto(team.Id, team.Name, team.Kind, 1, team.JoinCode), RouteNames.Team, new { id = team.Id });
    }

    private static async Task<Results<Ok<TeamDto>, NotFound>> Mine(ImpactQueries impact, ICurrentUser user, CancellationToken ct) =>
        await impact.MyTeamAsync(user.Id!.Value, ct) is { } team
            ? TypedResults.Ok(new TeamDto(team.Id, team.Name, team.Kind, null, team.JoinCode))
            : TypedResults.NotFound();

    private static async Task<Ok<TeamDto>> Join(JoinTeamCommand command, JoinTeamHandler handler, CancellationToken ct)
    {
        var team = await handler.HandleAsync(command, ct);
        return TypedResults.Ok(new TeamDto(team.Id, team.Name, team.Kind, null, null));
    }

    private static async Task<NoContent> Leave(LeaveTeamHandler handler, CancellationToken ct)
    {
        await handler.HandleAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<CollectionPointDto>>> CollectionPoints(Guid id, CollectionPointQueries points, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok((await points.ForTeamAsync(id, user.Id, ct)).Select(CollectionPointDto.Of).ToList());

    private static async Task<Created<CollectionPointDto>> HoldCollectionPoint(Guid id, HoldCollectionPointCommand command, HoldCollectionPointHandler handler,
        CollectionPointQueries points, ICurrentUser user, HttpContext http, CancellationToken ct)
    {
        var point = await handler.HandleAsync(id, command, ct);
        var view = await points.OneAsync(point.Id, user.Id, ct) ?? throw new NotFoundException("collection point", point.Id);
        return TypedResults.Created($"{http.Request.PathBase}/api/v1/teams/{id}/collection-points", CollectionPointDto.Of(view));
    }

    private static async Task<NoContent> CancelCollectionPoint(Guid pointId, CancelCollectionPointHandler handler, CancellationToken ct)
    {
        await handler.HandleAsync(pointId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<Application.Pickups.PickupDetailsDto>> BookAtCollectionPoint(Guid pointId, BookAtCollectionPointCommand command,
        BookAtCollectionPointHandler handler, Application.Pickups.PickupQueries queries, HttpContext http, CancellationToken ct)
    {
        var pickup = await handler.HandleAsync(pointId, command, ct);
        var details = await queries.DetailsAsync(pickup, ct);
        Http.SetETag(http, details.Version);
        return Http.CreatedAt(http, details, RouteNames.Pickup, new { reference = details.Reference });
    }

    private static async Task<Results<Ok<TeamImpactDto>, NotFound>> Team(Guid id, ImpactQueries impact, CancellationToken ct)
    {
        if (await impact.TeamAsync(id, ct) is not { } view)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new TeamImpactDto(new TeamDto(view.Team.Id, view.Team.Name, view.Team.Kind, view.Members, null),
            CheckpointDto.OfAny(view.Checkpoint), FactorsDto.Of(view.Factors), view.Totals,
            [.. view.Campaigns.Select(x => new TeamCampaignDto(x.Campaign.Id, x.Campaign.Slug, x.Figures))]));
    }

    /// <summary>503 while this node is still folding the log after a start; a retry a few seconds later has the totals.</summary>
    private static async Task<Results<Ok<ImpactDto>, ProblemHttpResult>> Platform(ImpactQueries impact, CancellationToken ct) =>
        ImpactDto.Of(await impact.PlatformAsync(ct)) is { } totals
            ? TypedResults.Ok(totals)
            : TypedResults.Problem("The totals are being computed from the ledger; try again in a few seconds.", statusCode: StatusCodes.Status503ServiceUnavailable);

    private static async Task<Ok<DonorImpactDto>> MyImpact(ImpactQueries impact, ICurrentUser user, CancellationToken ct)
    {
        var mine = await impact.DonorAsync(user.Id!.Value, pickupId: null, ct);
        return TypedResults.Ok(new DonorImpactDto(CheckpointDto.OfAny(mine.Checkpoint),
            FactorsDto.Of(mine.Factors), mine.DoorGrams, mine.ReuseGrams, mine.RecycleGrams, mine.WasteGrams,
            mine.Beneficiaries, mine.Co2eGrams, mine.WaterLitres, [.. mine.Pickups.Select(p => new PickupImpactDto(p.PickupId, p.Reference, p.Impact))]));
    }

    /// <summary>Safe to repeat: a second call answers the link the first one made.</summary>
    private static async Task<Results<Created<ShareLinkDto>, Ok<ShareLinkDto>>> Share(ShareImpactHandler handler, HttpContext http, CancellationToken ct)
    {
        var (link, created) = await handler.HandleAsync(ct);
        var dto = ShareLinkDto.Of(http.Request, link);
        return created ? Http.CreatedAt(http, dto, RouteNames.ImpactShare) : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<ShareLinkDto>, NotFound>> MyShare(ImpactShareQueries shares, ICurrentUser user, HttpContext http, CancellationToken ct) =>
        await shares.MineAsync(user.Id!.Value, ct) is { } link ? TypedResults.Ok(ShareLinkDto.Of(http.Request, link)) : TypedResults.NotFound();

    private static async Task<NoContent> StopSharing(StopSharingImpactHandler handler, CancellationToken ct)
    {
        await handler.HandleAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PublicNameDto>> PublicName(ImpactQueries impact, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(new PublicNameDto(await impact.PublicNameAsync(user.Id!.Value, ct)));

    private static async Task<Ok<PublicNameDto>> ChoosePublicName(ChoosePublicNameCommand command, ChoosePublicNameHandler handler, CancellationToken ct) =>
        TypedResults.Ok(new PublicNameDto(await handler.HandleAsync(command, ct)));

    private static async Task<Ok<List<FactorVersionDto>>> Factors(ImpactQueries impact, CancellationToken ct) =>
        TypedResults.Ok((await impact.FactorVersionsAsync(ct)).Select(t => new FactorVersionDto(t.Version, t.PublishedAt, t.Sha256)).ToList());

    /// <summary>The exact bytes whose SHA-256 the ledger carries, so a verifier hashes the body as received.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> Factor(int version, ImpactQueries impact, CancellationToken ct) =>
        await impact.FactorsAsync(version, ct) is { } table
            ? TypedResults.File(table.Document(), "application/json")
            : TypedResults.NotFound();

    private static async Task<Created<FactorVersionDto>> Publish(PublishImpactFactorsCommand command, PublishImpactFactorsHandler handler, HttpContext http,
        CancellationToken ct)
    {
        var table = await handler.HandleAsync(command, ct);
        return Http.CreatedAt(http, new FactorVersionDto(table.Version, table.PublishedAt, table.Sha256), RouteNames.ImpactFactors, new { version = table.Version });
    }
}
