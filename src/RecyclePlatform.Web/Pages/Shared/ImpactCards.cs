using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.Web.Pages.Shared;

/// <summary>What <c>_OpenGraph</c> writes into a page's head for link previews: absolute addresses only.</summary>
public sealed record OpenGraphView(string Title, string Description, string PageUrl, string ImageUrl, string ImageAlt, string Locale);

/// <summary>
/// The shareable impact cards: a team's (<c>/Teams/{id}/card.png</c>) and a donor's shared one
/// (<c>/Share/{token}/card.png</c>), worded here in the card's language and drawn by <see cref="IImpactCardRenderer"/>.
/// The language is <c>?lang=en|zh</c> when given, else the request's (the language switch's cookie, then the
/// browser's). The figures move with every checkpoint, so browsers and link previewers keep a card a minute at
/// most, and revalidate with an ETag made of everything drawn on it (the checkpoint, language and wording).
/// </summary>
public static class ImpactCards
{
    public const string TeamCardRoute = "/Teams/{id:guid}/card.png";
    public const string SharedCardRoute = "/Share/{token}/card.png";

    /// <summary>Changes when the drawing changes, so cached cards are drawn again.</summary>
    private const string DrawingVersion = "1";

    public static void MapImpactCards(this IEndpointRouteBuilder app)
    {
        app.MapGet(TeamCardRoute, TeamCardAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(SharedCardRoute, SharedCardAsync).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The card's address for the page's language: absolute, as OpenGraph wants it.</summary>
    public static string TeamCardUrl(HttpRequest request, Guid id) => Absolute(request, $"/Teams/{id}/card.png?lang={Lang()}");

    public static string SharedCardUrl(HttpRequest request, string token) => Absolute(request, $"/Share/{Uri.EscapeDataString(token)}/card.png?lang={Lang()}");

    public static string Absolute(HttpRequest request, string pathAndQuery) => $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";

    /// <summary>The page's language as OpenGraph names it.</summary>
    public static string OgLocale() => DisplayFormats.Chinese ? "zh_CN" : "en_GB";

    private static string Lang() => DisplayFormats.Chinese ? "zh" : "en";

    /// <summary>A team's card (the kind of team, its totals), or null while the totals are being computed.</summary>
    public static ImpactCardContent? ForTeam(IStringLocalizer l, TeamView view)
    {
        if (view.Totals is not { } f || view.Checkpoint is not { } at)
        {
            return null;
        }
        return Content(l, view.Team.Name, l["Card.NeutralTeam"], l["Card.TeamKind", l[$"TeamKind.{view.Team.Kind}"].Value], f.DoorGrams,
            f.ReuseGrams, f.RecycleGrams, f.WasteGrams, f.Co2eGrams, f.WaterLitres, f.Beneficiaries, view.Factors, l["Card.Checkpoint", ImpactText.Count(at.Size)]);
    }

    /// <summary>A donor's shared card, named only by their chosen public name; null while the totals are being computed.</summary>
    public static ImpactCardContent? ForDonor(IStringLocalizer l, SharedImpact shared)
    {
        var i = shared.Impact;
        if (i.Checkpoint is not { } at)
        {
            return null;
        }
        string neutral = l["Card.NeutralDonor"];
        // The ledger on purpose never links a donor's pickups, so an outsider cannot pick them out to recompute this share: it says "computed".
        return Content(l, shared.PublicName ?? neutral, neutral, l["Card.DonorKind"], i.DoorGrams, i.ReuseGrams, i.RecycleGrams, i.WasteGrams,
            i.Co2eGrams, i.WaterLitres, i.Beneficiaries, i.Factors, l["Card.DonorCheckpoint", ImpactText.Count(at.Size)]);
    }

    /// <summary>The link preview's text: the same figures as the card.</summary>
    public static string Description(IStringLocalizer l, ImpactCardContent card) =>
        l["Card.Description", card.Figures[0].Value, card.Figures[1].Value, card.Figures[2].Value, card.Figures[3].Value];

    private static ImpactCardContent Content(IStringLocalizer l, string name, string neutral, string kind, long door, long reuse, long recycle, long waste,
        long co2e, long water, decimal people, FactorTable? factors, string checkpoint) =>
        new(DisplayFormats.Chinese, name, neutral, kind,
            [
                new(l["Impact.CollectedKg"], l.Kg(door)),
                new(l["Impact.Co2e"], l.Co2e(co2e)),
                new(l["Impact.Water"], l.Water(water)),
                new(l["Impact.People"], ImpactText.People(people)),
            ],
            [(l["Card.Reused", l.Kg(reuse)], reuse), (l["Card.Recycled", l.Kg(recycle)], recycle), (l["Card.Waste", l.Kg(waste)], waste)],
            l["Card.Factors", l.FactorVersion(factors)], checkpoint, l["Site.Name"]);

    private static async Task<IResult> TeamCardAsync(Guid id, string? lang, HttpContext http, ImpactQueries impact, IStringLocalizer<SharedResource> l,
        IImpactCardRenderer renderer, CancellationToken ct)
    {
        if (await impact.TeamAsync(id, ct) is not { } view)
        {
            return NotFound();
        }
        using var culture = InCulture(http, lang);
        return Card(http, ForTeam(l, view), renderer, "public, max-age=60");
    }

    private static async Task<IResult> SharedCardAsync(string token, string? lang, HttpContext http, ImpactShareQueries shares, IStringLocalizer<SharedResource> l,
        IImpactCardRenderer renderer, CancellationToken ct)
    {
        if (await shares.SharedAsync(token, ct) is not { } shared)
        {
            return NotFound();
        }
        using var culture = InCulture(http, lang);
        // no-cache: a copy is checked with the ETag each time, so a link the donor stopped sharing stops at once.
        return Card(http, ForDonor(l, shared), renderer, "public, no-cache");
    }

    private static IResult Card(HttpContext http, ImpactCardContent? card, IImpactCardRenderer renderer, string cacheControl)
    {
        if (card is null)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem("The totals are being computed from the ledger; try again in a few seconds.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var etag = $"\"{ETag(card)}\"";
        http.Response.Headers.CacheControl = cacheControl;
        http.Response.Headers.ETag = etag;
        http.Response.Headers.Vary = "Accept-Language, Cookie";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.File(renderer.RenderPng(card), "image/png");
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem("No such card: the team does not exist, or the link is not shared (any more).", statusCode: StatusCodes.Status404NotFound);

    /// <summary>Everything drawn, hashed: the same card is the same tag on every node.</summary>
    private static string ETag(ImpactCardContent card)
    {
        var text = string.Join('\u001f', [DrawingVersion, card.Chinese ? "zh" : "en", card.Name, card.NeutralName, card.Kind,
            .. card.Figures.SelectMany(f => new[] { f.Label, f.Value }), .. card.Bars.Select(b => $"{b.Label}={b.Value}"), card.Factors, card.Checkpoint, card.Platform]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>Words the card in <c>?lang=</c>'s language while the handler runs; without it, the request's own.</summary>
    private static CultureScope InCulture(HttpContext http, string? lang)
    {
        var name = lang?.Trim().ToLowerInvariant() switch
        {
            "zh" or "zh-cn" or "zh-hans" => "zh-CN",
            "en" => "en",
            _ => http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? CultureInfo.CurrentUICulture.Name,
        };
        return new CultureScope(name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en");
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
