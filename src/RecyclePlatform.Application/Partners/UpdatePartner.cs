using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Partners;

/// <summary>An administrator corrects a partner (its kind stays) and marks it verified or not.</summary>
public sealed class UpdatePartnerHandler(IAppDbContext db, IValidator<PartnerInput> validator)
{
    public async Task HandleAsync(Guid id, PartnerInput input, bool verified, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        await PartnerCities.RequireKnownCitiesAsync(db, input.CityIds, ct);
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("partner", id);
        if (partner.Kind != input.Kind)
        {
            throw new DomainRuleException(Rules.Partner.KindFixed);
        }
        partner.Change(new LocalizedName(input.NameEn!.Trim(), input.NameZh!.Trim()), input.ContactEmail!, input.CityIds);
        if (verified)
        {
            partner.MarkVerified();
        }
        else
        {
            partner.MarkUnverified();
        }
        await db.SaveChangesAsync(ct);
    }
}
