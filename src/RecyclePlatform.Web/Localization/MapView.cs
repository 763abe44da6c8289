using System.Text.Json;

namespace RecyclePlatform.Web;

/// <summary>What a page's map shows, for Pages/Shared/_Map.cshtml and wwwroot/js/map.js.</summary>
public sealed record MapView(string Id, string Label, string Json)
{
    public static MapView Of(string id, string label, MapData data) => new(id, label, JsonSerializer.Serialize(data, JsonSerializerOptions.Web));
}

/// <summary>Lines (a courier's route from the hub, in order) and pins. Text is already in the page's language.</summary>
public sealed record MapData(IReadOnlyList<MapLine> Lines, IReadOnlyList<MapPin> Pins);

/// <summary>A route: its colour (0-7, the same as its card's), and its points from the hub through its stops.</summary>
public sealed record MapLine(int Colour, string Name, IReadOnlyList<MapPoint> Points);

public sealed record MapPoint(double Lat, double Lon);

/// <param name="Colour">The route's colour, or null for a grey pin (a stop on no route).</param>
/// <param name="Text">What the pin shows: the stop's number on its route, "H" for a hub, empty for none.</param>
/// <param name="Lines">The popup's lines: the reference, the window, the district, the status.</param>
/// <param name="Link">Where the popup's link leads (the stop's move form, the stop page), with its words.</param>
/// <param name="Approximate">Placed at the district's centre: the donor gave no position.</param>
public sealed record MapPin(double Lat, double Lon, int? Colour, string Text, string Title, IReadOnlyList<string> Lines,
    string? Link, string? LinkText, bool Approximate);
