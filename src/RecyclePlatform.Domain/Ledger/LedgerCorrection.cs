using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Custody;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Domain.Ledger;

/// <summary>
/// An administrator's correction of a ledger entry. Only typed fields the entry has can be
/// corrected, each with the one reason that fits it (a weight with <see cref="CorrectionReason.WrongWeight"/>),
/// and each new value passes the same range as the original did; "entered twice" carries no field.
/// Whether a partner, programme or region exists is checked by the use case, which has the lists.
/// </summary>
public sealed class LedgerCorrection : IRecordsCustody
{
    private readonly CustodyFactList _facts = new();

    private LedgerCorrection()
    {
    }

    public Guid Id { get; private set; }
    public long Corrects { get; private set; }
    public CorrectionReason Reason { get; private set; }

    /// <summary>The administrator who made it (off the ledger, for accountability).</summary>
    public Guid CorrectedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public long? Grams { get; private set; }
    public int? Bags { get; private set; }
    public int? Items { get; private set; }
    public int? Beneficiaries { get; private set; }
    public Guid? PartnerId { get; private set; }
    public DateOnly? Date { get; private set; }
    public string? RegionCode { get; private set; }
    public Guid? ProgrammeId { get; private set; }

    public IReadOnlyList<CustodyFact> CustodyFacts => _facts.Items;

    public void ClearCustodyFacts() => _facts.Clear();

    /// <summary>Which fields each kind of entry lets a correction change.</summary>
    public static IReadOnlySet<string> Correctable(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Collected => new HashSet<string> { nameof(CorrectedFields.Grams), nameof(CorrectedFields.Bags) },
        LedgerEntryKind.ReceivedAtHub or LedgerEntryKind.Sorted or LedgerEntryKind.Recycled => new HashSet<string> { nameof(CorrectedFields.Grams) },
        LedgerEntryKind.Allocated => new HashSet<string> { nameof(CorrectedFields.Partner) },
        LedgerEntryKind.ReceivedByPartner => new HashSet<string> { nameof(CorrectedFields.Grams), nameof(CorrectedFields.Items) },
        LedgerEntryKind.Distributed => new HashSet<string>
        {
            nameof(CorrectedFields.Programme), nameof(CorrectedFields.Date), nameof(CorrectedFields.Region),
            nameof(CorrectedFields.Items), nameof(CorrectedFields.Beneficiaries),
        },
        _ => new HashSet<string>(),
    };

    /// <summary>The one reason that fits a field.</summary>
    public static CorrectionReason ReasonFor(string field) => field switch
    {
        nameof(CorrectedFields.Grams) => CorrectionReason.WrongWeight,
        nameof(CorrectedFields.Bags) or nameof(CorrectedFields.Items) or nameof(CorrectedFields.Beneficiaries) => CorrectionReason.WrongCount,
        nameof(CorrectedFields.Partner) => CorrectionReason.WrongPartner,
        nameof(CorrectedFields.Date) => CorrectionReason.WrongDate,
        nameof(CorrectedFields.Region) => CorrectionReason.WrongRegion,
        nameof(CorrectedFields.Programme) => CorrectionReason.WrongProgramme,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    public static LedgerCorrection Make(long corrects, LedgerEntryKind kind, string subject, CorrectionReason reason, CorrectedFields fields,
        Guid correctedBy, DateTimeOffset now)
    {
        if (!Enum.IsDefined(reason) || kind is LedgerEntryKind.Correction or LedgerEntryKind.ImpactFactors)
        {
            throw new DomainRuleException(Rules.Ledger.CorrectionIncomplete);
        }
        var given = Given(fields);
        if (reason == CorrectionReason.EnteredTwice ? given.Count > 0 : given.Count == 0)
        {
            throw new DomainRuleException(Rules.Ledger.CorrectionIncomplete);
        }
        var allowed = Correctable(kind);
        if (given.Any(f => !allowed.Contains(f)))
        {
            throw new DomainRuleException(Rules.Ledger.CorrectionFields);
        }
        if (given.Any(f => ReasonFor(f) != reason))
        {
            throw new DomainRuleException(Rules.Ledger.CorrectionReasonMismatch);
        }
        var doorWeight = kind is LedgerEntryKind.Collected or LedgerEntryKind.ReceivedAtHub;
        var (minGrams, maxGrams) = doorWeight
            ? (CustodyEntry.ToGrams(Collection.MinKg), CustodyEntry.ToGrams(Collection.MaxKg))
            : (CustodyEntry.ToGrams(Lot.MinKg), CustodyEntry.ToGrams(Lot.MaxKg));
        if (fields.Grams is { } grams && (grams < minGrams || grams > maxGrams)
            || fields.Bags is < 1 or > Donation.MaxBags
            || fields.Items is { } items && (items < (kind == LedgerEntryKind.Distributed ? 1 : 0) || items > Lot.MaxItems)
            || fields.Beneficiaries is < 1 or > Lot.MaxItems
            || fields.Date is { } date && date > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
        {
            throw new DomainRuleException(Rules.Ledger.CorrectionValueOutOfRange);
        }
        var correction = new LedgerCorrection
        {
            Id = Guid.CreateVersion7(),
            Corrects = corrects,
            Reason = reason,
            CorrectedBy = correctedBy,
            CreatedAt = now,
            Grams = fields.Grams,
            Bags = fields.Bags,
            Items = fields.Items,
            Beneficiaries = fields.Beneficiaries,
            PartnerId = fields.Partner,
            Date = fields.Date,
            RegionCode = fields.Region?.Code,
            ProgrammeId = fields.Programme,
        };
        correction._facts.Add(new EntryCorrected(now, corrects, subject, reason, fields));
        return correction;
    }

    private static List<string> Given(CorrectedFields fields) =>
        [.. CustodyEntry.Fields(typeof(CorrectedFields)).Where(p => p.GetValue(fields) is not null).Select(p => p.Name)];
}
