using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;

namespace RecyclePlatform.Web.Pages.Pickups;

public sealed class IndexModel(PickupQueries pickups, ICurrentUser user) : PageModel
{
    public PickupPageDto Result { get; private set; } = new([], null);

    public async Task OnGetAsync(string? cursor, CancellationToken ct)
    {
        try
        {
            Result = await pickups.ListMineAsync(user.Id!.Value, cursor, 10, ct);
        }
        catch (ValidationException)
        {
            // A mangled or stale link: start from the newest instead of failing.
            Result = await pickups.ListMineAsync(user.Id!.Value, null, 10, ct);
        }
    }
}
