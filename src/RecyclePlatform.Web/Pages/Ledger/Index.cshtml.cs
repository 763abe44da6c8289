using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Web.Pages.Ledger;

[AllowAnonymous]
public sealed class IndexModel(LedgerQueries ledger, LedgerHealth health, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Why this node's sequencer stopped (it refused to sign a tree that contradicts a signed checkpoint), or null.</summary>
    public string? Stopped => health.Problem;

    public CheckpointDto? Checkpoint { get; private set; }
    public LedgerPage Entries { get; private set; } = new([], null);
    public LedgerAuditRun? LastAudit { get; private set; }
    public IReadOnlyList<WitnessDto> Witnesses { get; private set; } = [];
    public long? Before { get; private set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public string? QueryError { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? before, CancellationToken ct)
    {
        var query = Query?.Trim();
        if (!string.IsNullOrEmpty(query))
        {
            if (long.TryParse(query, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                return RedirectToPage("Entry", new { index });
            }
            if (DonorCommitment.TryReadReceiptCode(query, out _))
            {
                return RedirectToPage("Receipt", new { code = query });
            }
            QueryError = localizer["Ledger.LookupInvalid"];
        }
        Before = before;
        Checkpoint = await ledger.LatestCheckpointAsync(ct);
        Entries = await ledger.RecentAsync(before, 20, ct);
        LastAudit = await ledger.LastAuditAsync(ct);
        Witnesses = await ledger.WitnessesAsync(ct);
        return Page();
    }
}
