namespace RecyclePlatform.Web.Hosting;

/// <summary>Which coordinates a tile provider draws in. Chinese providers such as AMap use GCJ-02, which is shifted from GPS (WGS-84) by up to ~500 m.</summary>
public enum MapCoordinates
{
    Wgs84,
    Gcj02,
}

/// <summary>
/// Where the maps' background tiles come from (the "Maps" settings, docs/configuration.md): OpenStreetMap
/// by default. Stops and routes are drawn by the page itself, so they still show when tiles cannot load.
/// </summary>
public sealed class MapTiles
{
    public const string Section = "Maps";

    /// <summary>A Leaflet URL template: {z}/{x}/{y}, and {s} for <see cref="Subdomains"/>.</summary>
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    public string Attribution { get; set; } = "© OpenStreetMap contributors";

    public string Subdomains { get; set; } = "abc";

    public int MaxZoom { get; set; } = 19;

    public MapCoordinates Coordinates { get; set; } = MapCoordinates.Wgs84;

    /// <summary>The origin the browser may load tiles from, for the Content-Security-Policy's img-src ("https://*.example.com" for {s}).</summary>
    public string ImageSource()
    {
        var template = TileUrl.Replace("{s}.", "sub-domain-placeholder.", StringComparison.Ordinal);
        if (!Uri.TryCreate(template.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"Maps:TileUrl must be an absolute http(s) URL template, like https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png (got \"{TileUrl}\").");
        }
        var host = uri.Host.Replace("sub-domain-placeholder.", "*.", StringComparison.Ordinal);
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
