using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Web.Pages.Shared;

namespace RecyclePlatform.Web.Pages.Pickups;

/// <summary>The donor's receipt, with a QR code that opens the public check of its ledger entries.</summary>
public sealed class ReceiptModel(DonorReceipts receipts, ImpactQueries impact, ICurrentUser user) : PageModel
{
    /// <summary>What the pickup's bags became, from the ledger's totals: for the donor only.</summary>
    public DonorStory? Story { get; private set; }

    public ReceiptDto? Receipt { get; private set; }
    public string Reference { get; private set; } = "";
    public string? CheckUrl { get; private set; }
    public string? QrSvg { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        Reference = reference;
        try
        {
            Receipt = await receipts.GetMineAsync(user.Id!.Value, reference, ct);
        }
        catch (DomainRuleException rule) when (rule.Rule == Rules.Receipt.NotReady)
        {
            // Not a refusal: before the bags reach the ledger the page says the receipt is on its way.
            return Page();
        }
        Story = DonorStory.For(await impact.DonorAsync(user.Id!.Value, null, ct), reference, collected: true, open: false);
        if (Receipt.ReceiptCode is { } code)
        {
            CheckUrl = $"{Request.Scheme}://{Request.Host}{Url.Page("/Ledger/Receipt", new { code })}";
            QrSvg = LabelsModel.QrSvg(CheckUrl);
        }
        return Page();
    }
}
