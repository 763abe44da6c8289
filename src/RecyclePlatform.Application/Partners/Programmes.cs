using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Partners;

public sealed record ProgrammeDto(Guid Id, NameDto Name, bool Active, long Version);

/// <summary>A programme of the signed-in charity's catalogue: its name in both languages, and whether it is offered.</summary>
public sealed class SaveProgrammeCommand
{
    public string? English { get; set; }
    public string? Chinese { get; set; }
    public bool Active { get; set; } = true;
}

public sealed class SaveProgrammeValidator : AbstractValidator<SaveProgrammeCommand>
{
    public SaveProgrammeValidator()
    {
        RuleFor(c => c.English).NotEmpty().WithRule(Rules.Name.EnglishRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.EnglishRequired);
        RuleFor(c => c.Chinese).NotEmpty().WithRule(Rules.Name.ChineseRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.ChineseRequired);
    }
}

/// <summary>
/// A charity's catalogue of distribution programmes, kept by its own staff. Distributions (and so
/// ledger entries) name a programme only by id: its name stays here, off the public log, and can be
/// corrected at any time. Another partner's programmes do not exist for the caller.
/// </summary>
public sealed class ProgrammeCatalogue(IAppDbContext db, ICurrentUser user, IValidator<SaveProgrammeCommand> validator, TimeProvider time)
{
    public async Task<IReadOnlyList<ProgrammeDto>> MineAsync(bool activeOnly, CancellationToken ct)
    {
        var partnerId = PartnerId();
        return await db.Programmes.AsNoTracking().Where(p => p.PartnerId == partnerId && (!activeOnly || p.Active))
            .OrderBy(p => p.Name.English)
            .Select(p => new ProgrammeDto(p.Id, new NameDto(p.Name.English, p.Name.Chinese), p.Active, p.Version))
            .ToListAsync(ct);
    }

    /// <summary>The regions of the cities the partner serves: what its distribution form offers first (any listed code is accepted).</summary>
    public async Task<IReadOnlyList<Regions.RegionDto>> NearbyRegionsAsync(Regions.RegionCatalogue regions, CancellationToken ct)
    {
        var partnerId = PartnerId();
        var codes = await (from p in db.Partners
                           from served in p.ServedCities
                           join c in db.Cities on served.CityId equals c.Id
                           where p.Id == partnerId && c.RegionCode != null
                           select c.RegionCode!).Distinct().ToListAsync(ct);
        return [.. codes.SelectMany(regions.Within).DistinctBy(r => r.Code).OrderBy(r => r.Code, StringComparer.Ordinal)];
    }

    public async Task<ProgrammeDto> CreateAsync(SaveProgrammeCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var partnerId = PartnerId();
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
        return ToDto(programme);
    }

    public async Task<ProgrammeDto> UpdateAsync(Guid id, SaveProgrammeCommand command, long? expectedVersion, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var partnerId = PartnerId();
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
        return ToDto(programme);
    }

    private static ProgrammeDto ToDto(Programme p) => new(p.Id, new NameDto(p.Name.English, p.Name.Chinese), p.Active, p.Version);

    private Guid PartnerId() => user.PartnerId ?? throw new NotFoundException("partner", Guid.Empty);
}
