using System.Globalization;

namespace RecyclePlatform.Domain.Impact;

public enum ScopeKind
{
    Platform,
    Campaign,
    City,
    District,
    Team,
    Partner,
}

/// <summary>
/// What a total is about. <see cref="Campaign"/> null means all pickups, whatever campaign they
/// counted for; otherwise only that campaign's. <see cref="Key"/> is a city's slug, a district as
/// <c>city/district</c>, or a team's or partner's id; empty for the platform and a campaign itself.
/// </summary>
public readonly record struct ImpactScope(ScopeKind Kind, Guid? Campaign, string Key)
{
    public static readonly ImpactScope Platform = new(ScopeKind.Platform, null, "");

    public static ImpactScope OfCampaign(Guid campaign) => new(ScopeKind.Campaign, campaign, "");

    public static ImpactScope OfCity(string city, Guid? campaign = null) => new(ScopeKind.City, campaign, city);

    public static ImpactScope OfDistrict(string city, string district, Guid? campaign = null) => new(ScopeKind.District, campaign, $"{city}/{district}");

    public static ImpactScope OfTeam(Guid team, Guid? campaign = null) => new(ScopeKind.Team, campaign, Id(team));

    public static ImpactScope OfPartner(Guid partner) => new(ScopeKind.Partner, null, Id(partner));

    /// <summary>The id in <see cref="Key"/> of a team's or partner's scope.</summary>
    public Guid KeyId => Guid.Parse(Key, CultureInfo.InvariantCulture);

    /// <summary>"campaign:…/city:beijing": how the API and the verifier name a scope.</summary>
    public override string ToString() =>
        (Campaign is { } c ? $"campaign:{Id(c)}" : "") + (Kind is ScopeKind.Platform or ScopeKind.Campaign
            ? Campaign is null ? "platform" : ""
            : (Campaign is null ? "" : "/") + $"{Kind.ToString().ToLowerInvariant()}:{Key}");

    private static string Id(Guid id) => id.ToString("D");
}
