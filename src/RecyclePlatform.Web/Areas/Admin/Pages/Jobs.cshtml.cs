using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Web.Areas.Admin.Pages;

/// <summary>The background jobs across the cluster: each one's schedule and last run, and the nodes taking part.</summary>
public sealed class JobsModel(IBackgroundJobs jobs) : PageModel
{
    public BackgroundWorkState State { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => State = await jobs.StateAsync(ct);
}
