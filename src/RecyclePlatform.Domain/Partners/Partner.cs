using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Partners;

/// <summary>A charity or recycler that receives lots in the cities it serves.</summary>
public sealed class Partner : IVersioned
{
    public const int MaxEmailLength = 254;

    private readonly List<ServedCity> _servedCities = [];

    private Partner(Guid id, PartnerKind kind, LocalizedName name, string contactEmail)
    {
        Id = id;
        Kind = kind;
        Name = name;
        ContactEmail = contactEmail;
    }

    private Partner()
    {
        Name = null!;
        ContactEmail = "";
    }

    public Guid Id { get; private set; }
    public PartnerKind Kind { get; private set; }
    public LocalizedName Name { get; private set; }
    public string ContactEmail { get; private set; }

    /// <summary>Set by an administrator once the organisation's registration was checked.</summary>
    public bool Verified { get; private set; }

    public long Version { get; private set; }
    public IReadOnlyCollection<ServedCity> ServedCities => _servedCities;

    public static Partner Create(PartnerKind kind, LocalizedName name, string contactEmail, IEnumerable<Guid> cityIds)
    {
        var email = contactEmail?.Trim() ?? "";
        if (email.Length is 0 or > MaxEmailLength || !email.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainRuleException(Rules.Partner.ContactEmailInvalid);
        }
        var partner = new Partner(Guid.CreateVersion7(), kind, name, email);
        foreach (var cityId in cityIds.Distinct())
        {
            partner._servedCities.Add(new ServedCity(cityId));
        }
        if (partner._servedCities.Count == 0)
        {
            throw new DomainRuleException(Rules.Partner.CityRequired);
        }
        return partner;
    }

    public bool Serves(Guid cityId) => _servedCities.Any(c => c.CityId == cityId);

    /// <summary>An administrator corrects the organisation's details; a partner always serves at least one city.</summary>
    public void Change(LocalizedName name, string contactEmail, IEnumerable<Guid> cityIds)
    {
        var email = contactEmail?.Trim() ?? "";
        if (email.Length is 0 or > MaxEmailLength || !email.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainRuleException(Rules.Partner.ContactEmailInvalid);
        }
        var cities = cityIds.Distinct().ToList();
        if (cities.Count == 0)
        {
            throw new DomainRuleException(Rules.Partner.CityRequired);
        }
        Name = name;
        ContactEmail = email;
        _servedCities.RemoveAll(c => !cities.Contains(c.CityId));
        _servedCities.AddRange(cities.Where(id => _servedCities.All(c => c.CityId != id)).Select(id => new ServedCity(id)));
    }

    public void MarkVerified() => Verified = true;

    public void MarkUnverified() => Verified = false;
}

/// <summary>A city a partner accepts lots in.</summary>
public sealed record ServedCity(Guid CityId);
