using System.Globalization;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Notifications;

namespace RecyclePlatform.Web;

/// <summary>Writes a notification in the recipient's language, with the window in the city's local time.</summary>
internal sealed class LocalizedNotificationRenderer(IStringLocalizer<SharedResource> localizer) : INotificationRenderer
{
    public RenderedNotification Render(Notification notification, string culture, InvitationDetails? invitation = null)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            var chosen = culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? new CultureInfo("zh-CN") : new CultureInfo("en");
            CultureInfo.CurrentUICulture = chosen;
            CultureInfo.CurrentCulture = chosen;
            if (notification.Kind is NotificationKind.CourierInvitation)
            {
                return new RenderedNotification(localizer["Notification.CourierInvitation.Subject"], localizer["Notification.CourierInvitation.Body", Link(invitation)]);
            }
            if (notification.Kind is NotificationKind.StaffInvitation)
            {
                var partner = invitation?.Partner?.In(chosen.Name) ?? "";
                return new RenderedNotification(localizer["Notification.StaffInvitation.Subject", partner], localizer["Notification.StaffInvitation.Body", partner, Link(invitation)]);
            }
            var window = DisplayFormats.Window(notification.WindowStart, notification.WindowEnd, notification.TimeZone);
            return new RenderedNotification(
                localizer[$"Notification.{notification.Kind}.Subject", notification.PickupReference],
                $"{localizer[$"Notification.{notification.Kind}.Body", notification.PickupReference, window]}\n\n{localizer["Notification.Footer"]}");
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = format;
        }
    }

    private static string Link(InvitationDetails? invitation) =>
        invitation?.Link ?? throw new InvalidOperationException("An invitation is written with its link.");
}
