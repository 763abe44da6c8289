using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Regions;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Ledger;

public sealed class CorrectionCommand
{
    public long? Corrects { get; set; }
    public CorrectionReason? Reason { get; set; }

    /// <summary>
    /// The fields as they should have been, by their entry names: <c>grams</c>, <c>bags</c>, <c>items</c>,
    /// <c>beneficiaries</c> (whole numbers), <c>partner</c>, <c>programme</c> (ids), <c>date</c> (yyyy-MM-dd),
    /// <c>region</c> (GB/T 2260 code). Nothing else: a correction never carries text.
    /// </summary>
    public JsonObject? Corrected { get; set; }
}

public sealed class CorrectionValidator : AbstractValidator<CorrectionCommand>
{
    public CorrectionValidator()
    {
        RuleFor(c => c.Corrects).NotNull().WithRule(Rules.Ledger.CorrectionIncomplete);
        RuleFor(c => c.Reason).NotNull().WithRule(Rules.Ledger.CorrectionIncomplete).IsInEnum().WithRule(Rules.Ledger.CorrectionIncomplete);
    }
}

/// <summary>
/// Entries are never changed: an administrator appends a correction that points at the entry,
/// says why (the reason must fit the field) and carries typed corrected fields that pass the same
/// rules as the original. Readers apply corrections in index order; the original stays in the log
/// and every proof stays valid.
/// </summary>
public sealed class AppendLedgerCorrectionHandler(IAppDbContext db, ICurrentUser user, CustodyRecorder custody, RegionCatalogue regions, TimeProvider time,
    IValidator<CorrectionCommand> validator)
{
    public async Task HandleAsync(CorrectionCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var (index, reason) = (command.Corrects!.Value, command.Reason!.Value);
        var fields = Parse(command.Corrected);
        var original = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Index == index, ct)
            ?? throw new NotFoundException("ledger_entry", index);
        var body = JsonNode.Parse(original.Body)!.AsObject();
        await CheckReferencesAsync(original.Kind, body, fields, ct);
        var correction = LedgerCorrection.Make(index, original.Kind, original.Subject, reason, fields, user.Id!.Value, time.GetUtcNow());
        db.LedgerCorrections.Add(correction);
        await custody.RecordAsync(ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Partners, programmes and regions must exist, and fit the entry, as they had to when it was written.</summary>
    private async Task CheckReferencesAsync(LedgerEntryKind kind, JsonObject original, CorrectedFields fields, CancellationToken ct)
    {
        if (fields.Region is { } region && !regions.Contains(region.Code))
        {
            throw new DomainRuleException(Rules.Distribution.RegionInvalid);
        }
        if (fields.Partner is { } partnerId)
        {
            var wanted = original["partnerKind"]?.GetValue<string>() == "recycler" ? PartnerKind.Recycler : PartnerKind.Charity;
            if (!await db.Partners.AnyAsync(p => p.Id == partnerId && p.Kind == wanted, ct))
            {
                throw new DomainRuleException(Rules.Lot.PartnerWrongKind);
            }
        }
        if (fields.Programme is { } programmeId && kind == LedgerEntryKind.Distributed)
        {
            var partner = Guid.TryParse(original["partner"]?.GetValue<string>(), out var p) ? p : Guid.Empty;
            if (!await db.Programmes.AnyAsync(x => x.Id == programmeId && x.PartnerId == partner, ct))
            {
                throw new DomainRuleException(Rules.Distribution.ProgrammeUnknown);
            }
        }
    }

    /// <summary>Reads the corrected fields strictly by type; a name entries do not have, or a value of the wrong type, is refused.</summary>
    private static CorrectedFields Parse(JsonObject? corrected)
    {
        var fields = new CorrectedFields();
        if (corrected is null)
        {
            return fields;
        }
        try
        {
            foreach (var (name, node) in corrected)
            {
                fields = name switch
                {
                    "grams" => fields with { Grams = Whole(node) },
                    "bags" => fields with { Bags = checked((int)Whole(node)) },
                    "items" => fields with { Items = checked((int)Whole(node)) },
                    "beneficiaries" => fields with { Beneficiaries = checked((int)Whole(node)) },
                    "partner" => fields with { Partner = Guid.ParseExact(Text(node), "D") },
                    "programme" => fields with { Programme = Guid.ParseExact(Text(node), "D") },
                    "date" => fields with { Date = DateOnly.ParseExact(Text(node), "yyyy-MM-dd", CultureInfo.InvariantCulture) },
                    "region" => fields with { Region = RegionCode.Parse(Text(node)) },
                    _ => throw new DomainRuleException(Rules.Ledger.CorrectionFields),
                };
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException
            or OverflowException or ArgumentException)
        {
            throw new DomainRuleException(Rules.Ledger.CorrectionFields);
        }
        return fields;
    }

    /// <summary>A JSON whole number (5000, not 5000.5 or "5000").</summary>
    private static long Whole(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new DomainRuleException(Rules.Ledger.CorrectionFields);

    private static string Text(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : throw new DomainRuleException(Rules.Ledger.CorrectionFields);
}
