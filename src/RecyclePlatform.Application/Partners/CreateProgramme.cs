using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Partners;

/// <summary>A charity adds a programme to its catalogue; names are unique within the catalogue.</summary>
public sealed class CreateProgrammeHandler(IAppDbContext db, ICurrentUser user, IValidator<SaveProgrammeCommand> validator, TimeProvider time)
{
    public async Task<ProgrammeDto> HandleAsync(SaveProgrammeCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var partnerId = user.RequirePartner();
        var kind = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.Kind).SingleAsync(ct);
        if (kind != PartnerKind.Charity)
        {
            throw new DomainRuleException(Rules.Programme.OnlyCharities);
        }
        var name = new LocalizedName(command.English!, command.Chinese!);
        if (await db.Programmes.AnyAsync(p => p.PartnerId == partnerId && p.Name.English == name.English, ct))
        {
            throw new DomainRuleException(Rules.Programme.NameTaken);
        }
        var programme = Programme.Create(partnerId, name, time.GetUtcNow());
        db.Programmes.Add(programme);
        await db.SaveChangesAsync(ct);
        return ProgrammeDto.From(programme);
    }
}
