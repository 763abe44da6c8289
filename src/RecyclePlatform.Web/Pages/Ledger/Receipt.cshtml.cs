using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Web.Pages.Ledger;

/// <summary>Anyone holding a receipt code (the QR code on a donor's receipt) sees its entries, each proven.</summary>
[AllowAnonymous]
public sealed class ReceiptModel(LedgerQueries ledger, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<ProvenEntryDto> Entries { get; private set; } = [];
    public string? Commitment { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(string code, CancellationToken ct)
    {
        if (!DonorCommitment.TryReadReceiptCode(code, out var opening))
        {
            Problem = ErrorMessages.For(localizer, Rules.Ledger.ReceiptCodeInvalid);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Commitment = DonorCommitment.Commitment(opening);
        try
        {
            Entries = await ledger.ByReceiptCodeAsync(code, ct);
        }
        catch (NotFoundException)
        {
            // A public page, not an error: a well-formed code that matches no entry is answered on the page itself.
            Problem = localizer["LedgerReceipt.NotFound"];
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
