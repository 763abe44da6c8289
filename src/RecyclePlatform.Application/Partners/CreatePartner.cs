using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Partners;

/// <summary>An administrator adds a charity or recycler (unverified until checked).</summary>
public sealed class CreatePartnerHandler(IAppDbContext db, IValidator<PartnerInput> validator)
{
    public async Task<Guid> HandleAsync(PartnerInput input, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        await PartnerCities.RequireKnownCitiesAsync(db, input.CityIds, ct);
        var partner = Partner.Create(input.Kind!.Value, new LocalizedName(input.NameEn!.Trim(), input.NameZh!.Trim()), input.ContactEmail!, input.CityIds);
        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        return partner.Id;
    }
}
