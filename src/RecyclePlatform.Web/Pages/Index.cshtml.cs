using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Cities;

namespace RecyclePlatform.Web.Pages;

public sealed class IndexModel(CityQueries cities) : PageModel
{
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Cities = await cities.ListAsync(ct);
}
