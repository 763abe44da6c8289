using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>Adds a district donors book in. It gets windows as soon as someone looks at its days; its places follow the shifts.</summary>
public sealed class AddDistrictHandler(IAppDbContext db, ICurrentUser user, IValidator<PlaceInput> validator)
{
    public async Task<DistrictDto> HandleAsync(Guid cityId, PlaceInput input, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        await validator.ValidateAndThrowAsync(input, ct);
        var city = await db.Cities.Include(c => c.Districts).SingleOrDefaultAsync(c => c.Id == cityId, ct) ?? throw new NotFoundException("city", cityId);
        var district = RuleValidation.AtTheirFields(() => city.AddDistrict(input.Slug ?? "", new LocalizedName(input.NameEn!, input.NameZh!),
            new GeoPoint(input.Latitude!.Value, input.Longitude!.Value)));
        await db.SaveChangesAsync(ct);
        return new DistrictDto(district.Id, district.Slug, new NameDto(district.Name.English, district.Name.Chinese), district.Centre.Latitude, district.Centre.Longitude);
    }
}
