using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;

namespace RecyclePlatform.Web.Pages.Messages;

/// <summary>The donor's messages in the app: the same ones that are e-mailed. Viewing them marks them read.</summary>
public sealed class IndexModel(NotificationQueries notifications, INotificationRenderer renderer, ICurrentUser user) : PageModel
{
    public IReadOnlyList<(Notification Message, RenderedNotification Text)> Messages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = user.Id!.Value;
        var recent = await notifications.RecentAsync(userId, 50, ct);
        Messages = [.. recent.Select(n => (n, renderer.Render(n, CultureInfo.CurrentUICulture.Name)))];
        await notifications.MarkAllReadAsync(userId, ct);
    }
}
