using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.Application.Impact;

public sealed class PublishImpactFactorsCommand
{
    public List<FactorInput> Factors { get; set; } = [];
}

public sealed class FactorInput
{
    public LotStream? Stream { get; set; }
    public FactorMeasure? Measure { get; set; }
    public long? Value { get; set; }
    public string? Source { get; set; }
    public int? Year { get; set; }
}

public sealed class PublishImpactFactorsValidator : AbstractValidator<PublishImpactFactorsCommand>
{
    public PublishImpactFactorsValidator()
    {
        RuleFor(c => c.Factors).NotEmpty().WithRule(Rules.ImpactFactors.Incomplete);
        RuleForEach(c => c.Factors).ChildRules(f =>
        {
            f.RuleLevelCascadeMode = CascadeMode.Stop;
            f.RuleFor(x => x.Stream).NotNull().WithRule(Rules.ImpactFactors.Incomplete).IsInEnum().WithRule(Rules.ImpactFactors.Incomplete);
            f.RuleFor(x => x.Measure).NotNull().WithRule(Rules.ImpactFactors.Incomplete).IsInEnum().WithRule(Rules.ImpactFactors.Incomplete);
            f.RuleFor(x => x.Value).NotNull().WithRule(Rules.ImpactFactors.ValueOutOfRange)
                .InclusiveBetween(0, ImpactFactor.MaxValue).WithRule(Rules.ImpactFactors.ValueOutOfRange);
            f.RuleFor(x => x.Source).NotEmpty().WithRule(Rules.ImpactFactors.SourceInvalid)
                .MaximumLength(ImpactFactor.MaxSource).WithRule(Rules.ImpactFactors.SourceInvalid);
            f.RuleFor(x => x.Year).NotNull().WithRule(Rules.ImpactFactors.YearOutOfRange);
        });
    }
}

/// <summary>
/// An administrator publishes a new version of the factor table. It goes on the ledger (the numbers and
/// the table's SHA-256) in the same save, so every total from the next checkpoint on uses it, and the
/// versions before stay published for totals computed with them.
/// </summary>
public sealed class PublishImpactFactorsHandler(
    IAppDbContext db, IValidator<PublishImpactFactorsCommand> validator, ICurrentUser user, CustodyRecorder recorder, IAdvisoryLocks locks, TimeProvider time)
{
    public async Task<ImpactFactorTable> HandleAsync(PublishImpactFactorsCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var adminId = user.Id ?? throw new InvalidOperationException("Publishing factors needs a signed-in administrator.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Versions are numbered in order: two administrators publishing at once take turns.
        await locks.LockForTransactionAsync(AdvisoryLockIds.ImpactFactors, ct);
        var version = (await db.ImpactFactorTables.MaxAsync(t => (int?)t.Version, ct) ?? 0) + 1;
        var table = ImpactFactorTable.Publish(version,
            [.. command.Factors.Select(f => new ImpactFactor(f.Stream!.Value, f.Measure!.Value, f.Value!.Value, f.Source!, f.Year!.Value))],
            adminId, time.GetUtcNow());
        db.ImpactFactorTables.Add(table);
        await recorder.RecordAsync(ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return table;
    }
}
