using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Partners;

/// <summary>A charity renames, retires or offers again one of its programmes.</summary>
public sealed class UpdateProgrammeHandler(IAppDbContext db, ICurrentUser user, IValidator<SaveProgrammeCommand> validator)
{
    public async Task<ProgrammeDto> HandleAsync(Guid id, SaveProgrammeCommand command, long? expectedVersion, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var partnerId = user.RequirePartner();
        var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Id == id && p.PartnerId == partnerId, ct)
            ?? throw new NotFoundException("programme", id);
        VersionGuard.EnsureCurrent("programme", programme, programme.Active ? "Active" : "Retired", expectedVersion);
        var name = new LocalizedName(command.English!, command.Chinese!);
        if (await db.Programmes.AnyAsync(p => p.PartnerId == partnerId && p.Id != id && p.Name.English == name.English, ct))
        {
            throw new DomainRuleException(Rules.Programme.NameTaken);
        }
        programme.Rename(name);
        programme.SetActive(command.Active);
        await db.SaveChangesAsync(ct);
        return ProgrammeDto.From(programme);
    }
}
