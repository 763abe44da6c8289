using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Domain.Custody;

/// <summary>
/// Something that happened to a donation's custody, recorded by the aggregate as part of the state
/// change itself (like eShop's AddDomainEvent, without a mediator). Application's CustodyRecorder
/// turns each fact into its ledger entry and the donor's notification in the same save; the
/// database context refuses to save an aggregate whose facts were never recorded.
/// </summary>
public abstract record CustodyFact(DateTimeOffset At);

/// <summary>An aggregate that records custody facts.</summary>
public interface IRecordsCustody
{
    IReadOnlyList<CustodyFact> CustodyFacts { get; }

    /// <summary>Called by the recorder once the facts are in the unit of work.</summary>
    void ClearCustodyFacts();
}

/// <summary>Holds an aggregate's unrecorded facts; a field, so that persistence never sees it.</summary>
public sealed class CustodyFactList
{
    private readonly List<CustodyFact> _facts = [];

    public IReadOnlyList<CustodyFact> Items => _facts;

    public void Add(CustodyFact fact) => _facts.Add(fact);

    public void Clear() => _facts.Clear();
}

/// <summary>The courier set off to the door (a notification, no entry: custody has not changed yet).</summary>
public sealed record PickupOnTheWay(DateTimeOffset At, Guid PickupId) : CustodyFact(At);

/// <summary>The courier took the bags at the door.</summary>
public sealed record PickupCollected(DateTimeOffset At, Guid PickupId, Guid CourierId, int Bags, decimal Kg,
    IReadOnlyList<string> Labels, string? PhotoSha256) : CustodyFact(At);

/// <summary>The courier could not collect; the donor is told why (no entry: nothing changed hands).</summary>
public sealed record PickupNotCollected(DateTimeOffset At, Guid PickupId, FailureReason Reason) : CustodyFact(At);

/// <summary>The hub took the courier's bags; labels collected but not received are missing.</summary>
public sealed record PickupReceivedAtHub(DateTimeOffset At, Guid PickupId, Guid CourierId, IReadOnlyList<string> Received,
    IReadOnlyList<string> Missing, decimal? IntakeKg, bool WeightDiscrepancy) : CustodyFact(At);

public sealed record LotSorted(DateTimeOffset At, Guid LotId, Guid HubId, LotStream Stream, decimal Kg, ItemCategories Categories,
    IReadOnlyList<Guid> PickupIds) : CustodyFact(At);

public sealed record LotAllocated(DateTimeOffset At, Guid LotId, Guid PartnerId, PartnerKind PartnerKind, decimal Kg) : CustodyFact(At);

public sealed record LotReceived(DateTimeOffset At, Guid LotId, Guid PartnerId, decimal Kg, int Items, bool Discrepancy) : CustodyFact(At);

public sealed record LotDistributed(DateTimeOffset At, Guid LotId, Guid PartnerId, Guid ProgrammeId, DateOnly Date, string RegionCode,
    int Items, int Beneficiaries) : CustodyFact(At);

public sealed record LotRecycled(DateTimeOffset At, Guid LotId, Guid PartnerId, decimal Kg) : CustodyFact(At);

/// <summary>An administrator corrected a ledger entry (see <see cref="LedgerCorrection"/>).</summary>
public sealed record EntryCorrected(DateTimeOffset At, long Corrects, string Subject, CorrectionReason Reason, CorrectedFields Fields)
    : CustodyFact(At);
