using System.Globalization;
using RecyclePlatform.Application.Couriers;

namespace RecyclePlatform.Web.Areas.Courier.Pages;

/// <summary>The map app a courier's phone opens for directions: a setting of the device (a cookie), since it is the phone's apps that count.</summary>
public enum NavigationApp
{
    Amap,
    Baidu,
    Apple,
    Google,
}

/// <summary>
/// Directions to a stop in the courier's map app: to the donor's position when they gave one (GPS,
/// WGS-84; the Chinese apps are told so and shift it themselves), else a search for the address, with
/// its district in the page's language so the query is in one language.
/// </summary>
public static class Navigation
{
    public const string Cookie = "nav-app";

    public static NavigationApp Chosen(HttpRequest request) =>
        Enum.TryParse<NavigationApp>(request.Cookies[Cookie], ignoreCase: false, out var app) && Enum.IsDefined(app) ? app : NavigationApp.Amap;

    public static string Link(NavigationApp app, StopDto stop)
    {
        var place = string.Join(" ", new[] { stop.District.Local(), stop.Street, stop.Building }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var q = Uri.EscapeDataString(place);
        if (stop.Approximate || stop.Latitude is not { } lat || stop.Longitude is not { } lon)
        {
            return app switch
            {
                NavigationApp.Baidu => $"https://api.map.baidu.com/geocoder?address={q}&output=html&src=webapp.recycleplatform",
                NavigationApp.Apple => $"https://maps.apple.com/?daddr={q}",
                NavigationApp.Google => $"https://www.google.com/maps/dir/?api=1&destination={q}",
                _ => $"https://uri.amap.com/search?keyword={q}&callnative=1",
            };
        }
        var latitude = lat.ToString("0.######", CultureInfo.InvariantCulture);
        var longitude = lon.ToString("0.######", CultureInfo.InvariantCulture);
        return app switch
        {
            NavigationApp.Baidu => $"https://api.map.baidu.com/marker?location={latitude},{longitude}&title={q}&content={q}&coord_type=wgs84&output=html&src=webapp.recycleplatform",
            NavigationApp.Apple => $"https://maps.apple.com/?daddr={latitude},{longitude}&q={q}",
            NavigationApp.Google => $"https://www.google.com/maps/dir/?api=1&destination={latitude},{longitude}",
            _ => $"https://uri.amap.com/navigation?to={longitude},{latitude},{q}&mode=car&coordinate=wgs84&callnative=1",
        };
    }
}
