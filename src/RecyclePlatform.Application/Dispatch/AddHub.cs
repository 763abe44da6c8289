using FluentValidation;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>Adds a hub couriers start from, in a city the dispatcher plans.</summary>
public sealed class AddHubHandler(IAppDbContext db, ICurrentUser user, IValidator<PlaceInput> validator)
{
    public async Task<HubDto> HandleAsync(Guid cityId, PlaceInput input, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        await validator.ValidateAndThrowAsync(input, ct);
        var hub = RuleValidation.AtTheirFields(() => Hub.Create(cityId, new LocalizedName(input.NameEn!, input.NameZh!), input.Address!,
            new GeoPoint(input.Latitude!.Value, input.Longitude!.Value)));
        db.Hubs.Add(hub);
        await db.SaveChangesAsync(ct);
        return new HubDto(hub.Id, new NameDto(hub.Name.English, hub.Name.Chinese), hub.Address, hub.Location.Latitude, hub.Location.Longitude);
    }
}
