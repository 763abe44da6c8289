using FluentValidation;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>A hub or a district as a dispatcher adds it (<see cref="AddHubHandler"/>, <see cref="AddDistrictHandler"/>): names in both languages and where it is.</summary>
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
