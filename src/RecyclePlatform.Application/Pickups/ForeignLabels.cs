using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Pickups;

/// <summary>
/// A label that is not this pickup's is either another pickup's (bags mixed up at the door or the hub)
/// or no label at all (a typing slip): the person scanning needs to know which to fix it.
/// The pickup only knows its own labels, so the question goes to the database here.
/// </summary>
internal static class ForeignLabels
{
    public static async Task<Exception> ExplainAsync(IAppDbContext db, DomainRuleException rule, CancellationToken ct)
    {
        if (rule.Code != Rules.Pickup.LabelNotOurs.Code || rule.Subject is not { } label)
        {
            return rule;
        }
        var exists = label.Length <= Domain.Pickups.BagLabel.MaxTypedLength
            && await db.Pickups.AnyAsync(p => p.Labels.Any(l => l.LabelId == label), ct);
        return exists ? rule : new DomainRuleException(Rules.Pickup.LabelUnknown) { Subject = Shorten(label) };
    }

    /// <summary>What was typed, shown back in the message: never more than a label's length.</summary>
    private static string Shorten(string label) =>
        label.Length <= Domain.Pickups.BagLabel.MaxTypedLength ? label : label[..Domain.Pickups.BagLabel.MaxTypedLength] + "…";
}
