using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Couriers;

public sealed class ReceiveHandoverCommand
{
    /// <summary>The labels of the bags received (scanned or ticked off); collected ones not among them are flagged missing.</summary>
    public List<string>? Labels { get; set; }

    /// <summary>Needed when a bag is missing.</summary>
    public string? Note { get; set; }

    /// <summary>What the hub's scale says; flagged when it disagrees with the door weight.</summary>
    public decimal? IntakeKg { get; set; }
}

public sealed class ReceiveHandoverValidator : AbstractValidator<ReceiveHandoverCommand>
{
    public ReceiveHandoverValidator()
    {
        RuleFor(c => c.Note).MaximumLength(PickupEvent.MaxNote).WithRule(Rules.Pickup.ReasonTooLong);
    }
}

/// <summary>
/// The hub operator receives what a courier of their hub picked up: bags scanned or ticked off, missing
/// ones flagged (with a note). A custody entry saved with the change. Pickups of another hub are not found.
/// </summary>
public sealed class ReceiveHandoverHandler(IAppDbContext db, ICurrentUser user, TimeProvider time, CustodyRecorder custody,
    IValidator<ReceiveHandoverCommand> validator)
{
    /// <returns>The labels flagged missing.</returns>
    public async Task<IReadOnlyList<string>> HandleAsync(string reference, ReceiveHandoverCommand command, long? expectedVersion, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var hubId = user.RequireHub();
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var pickup = await (from p in db.Pickups
                            join c in db.Couriers on p.CourierId equals c.Id
                            where p.Reference == canonical && c.HubId == hubId
                            select p).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("pickup", reference);
        VersionGuard.EnsureCurrent("pickup", pickup, pickup.Status.ToString(), expectedVersion);
        IReadOnlyList<string> missing;
        try
        {
            missing = pickup.ReceiveAtHub(command.Labels ?? [], command.Note, time.GetUtcNow(), command.IntakeKg);
        }
        catch (DomainRuleException rule)
        {
            throw await ForeignLabels.ExplainAsync(db, rule, ct);
        }
        await custody.RecordAsync(ct);
        await VersionGuard.SaveOrReportStaleAsync(db, pickup, "pickup", nameof(Pickup.Status), ct);
        return missing;
    }
}
