using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Partners;

namespace RecyclePlatform.Web.Areas.Charity.Pages;

public sealed class StatementModel(AuditTrail trail) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public YearStatementDto Statement { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var year = Year is >= 2020 and <= 2100 ? Year.Value : DateTime.UtcNow.Year;
        Year = year;
        Statement = await trail.YearAsync(year, ct);
    }
}
