using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.Web.Pages.Impact;

/// <summary>The platform's impact: every total from the public ledger, and the factor table it used with its sources.</summary>
[AllowAnonymous]
public sealed class IndexModel(ImpactQueries impact) : PageModel
{
    public ImpactSnapshot? Snapshot { get; private set; }
    public ImpactFactorTable? Factors { get; private set; }
    public IReadOnlyList<ImpactFactorTable> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Snapshot = await impact.PlatformAsync(ct);
        Versions = await impact.FactorVersionsAsync(ct);
        Factors = Versions.Count > 0 ? Versions[0] : null;
    }
}
