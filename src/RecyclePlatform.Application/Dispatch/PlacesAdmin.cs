using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>A hub or a district as a dispatcher adds it: names in both languages and where it is.</summary>
public sealed class PlaceInput
{
    /// <summary>Districts only: the short name used in addresses' data and imports (lower case, digits, hyphens).</summary>
    public string? Slug { get; set; }

    public string? NameEn { get; set; }
    public string? NameZh { get; set; }

    /// <summary>Hubs only: the street address couriers drive to.</summary>
    public string? Address { get; set; }

    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

public sealed class PlaceInputValidator : AbstractValidator<PlaceInput>
{
    public PlaceInputValidator()
    {
        RuleFor(p => p.NameEn).NotEmpty().WithRule(Rules.Name.EnglishRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.EnglishRequired);
        RuleFor(p => p.NameZh).NotEmpty().WithRule(Rules.Name.ChineseRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.ChineseRequired);
        RuleFor(p => p.Latitude).NotNull().WithRule(Rules.Geo.LatitudeOutOfRange).InclusiveBetween(-90, 90).WithRule(Rules.Geo.LatitudeOutOfRange);
        RuleFor(p => p.Longitude).NotNull().WithRule(Rules.Geo.LongitudeOutOfRange).InclusiveBetween(-180, 180).WithRule(Rules.Geo.LongitudeOutOfRange);
    }
}

public sealed record HubDto(Guid Id, NameDto Name, string Address, double Latitude, double Longitude);

public sealed record DistrictDto(Guid Id, string Slug, NameDto Name, double Latitude, double Longitude);

public sealed record PlacesDto(Guid CityId, IReadOnlyList<HubDto> Hubs, IReadOnlyList<DistrictDto> Districts);

/// <summary>
/// The hubs couriers start from and the districts donors book in, for the cities a dispatcher plans.
/// A new district gets windows as soon as someone looks at its days; its places follow the shifts.
/// </summary>
public sealed class PlacesAdmin(IAppDbContext db, ICurrentUser user, IValidator<PlaceInput> validator)
{
    public async Task<PlacesDto> ListAsync(Guid cityId, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        var hubs = await db.Hubs.AsNoTracking().Where(h => h.CityId == cityId).OrderBy(h => h.Name.English).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().Where(d => d.CityId == cityId).OrderBy(d => d.Slug).ToListAsync(ct);
        return new PlacesDto(cityId,
            [.. hubs.Select(h => new HubDto(h.Id, new NameDto(h.Name.English, h.Name.Chinese), h.Address, h.Location.Latitude, h.Location.Longitude))],
            [.. districts.Select(d => new DistrictDto(d.Id, d.Slug, new NameDto(d.Name.English, d.Name.Chinese), d.Centre.Latitude, d.Centre.Longitude))]);
    }

    public async Task<HubDto> AddHubAsync(Guid cityId, PlaceInput input, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        await validator.ValidateAndThrowAsync(input, ct);
        var hub = FieldErrors(() => Hub.Create(cityId, new LocalizedName(input.NameEn!, input.NameZh!), input.Address!,
            new GeoPoint(input.Latitude!.Value, input.Longitude!.Value)));
        db.Hubs.Add(hub);
        await db.SaveChangesAsync(ct);
        return new HubDto(hub.Id, new NameDto(hub.Name.English, hub.Name.Chinese), hub.Address, hub.Location.Latitude, hub.Location.Longitude);
    }

    public async Task<DistrictDto> AddDistrictAsync(Guid cityId, PlaceInput input, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        await validator.ValidateAndThrowAsync(input, ct);
        var city = await db.Cities.Include(c => c.Districts).SingleOrDefaultAsync(c => c.Id == cityId, ct) ?? throw new NotFoundException("city", cityId);
        var district = FieldErrors(() => city.AddDistrict(input.Slug ?? "", new LocalizedName(input.NameEn!, input.NameZh!),
            new GeoPoint(input.Latitude!.Value, input.Longitude!.Value)));
        await db.SaveChangesAsync(ct);
        return new DistrictDto(district.Id, district.Slug, new NameDto(district.Name.English, district.Name.Chinese), district.Centre.Latitude, district.Centre.Longitude);
    }

    /// <summary>The domain's rules, reported against the field they are about.</summary>
    private static T FieldErrors<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (DomainRuleException rule)
        {
            var field = rule.Rule.Field ?? "";
            throw new ValidationException([new ValidationFailure(field, rule.Code) { ErrorCode = rule.Code }]);
        }
    }
}
