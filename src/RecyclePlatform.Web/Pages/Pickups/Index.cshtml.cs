using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;

namespace RecyclePlatform.Web.Pages.Pickups;

public sealed class IndexModel(PickupQueries pickups, ICurrentUser user) : PageModel
{
    public PickupPageDto Result { get; private set; } = new([], null);

    public async Task OnGetAsync(string? cursor, CancellationToken ct) =>
        Result = await pickups.ListMineAsync(user.Id!.Value, cursor, 10, ct);
}
