using RecyclePlatform.Domain.Cities;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>Settings "Dispatch": travel speed per city and how long the optimiser may search.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>Road distance over straight-line distance, for cities without their own value.</summary>
    public double DetourFactor { get; set; } = CityTravel.Default.DetourFactor;

    /// <summary>Average courier speed in km/h, door to door, for cities without their own value.</summary>
    public double SpeedKmh { get; set; } = CityTravel.Default.SpeedKmh;

    /// <summary>Per city slug: its own detour factor and speed.</summary>
    public Dictionary<string, CityTravelOptions> Cities { get; set; } = [];

    /// <summary>The longest a run searches; small days use less (a tenth of a second per stop, at least <see cref="MinSearchSeconds"/>).</summary>
    public double MaxSearchSeconds { get; set; } = 30;

    public double MinSearchSeconds { get; set; } = 2;

    /// <summary>How often each node's worker looks for queued runs and runs whose node is gone, in seconds.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>How many places one courier's shift adds to a window, per hour of the window.</summary>
    public double PlacesPerCourierHour { get; set; } = 3;

    public CityTravel TravelFor(City city) =>
        Cities.TryGetValue(city.Slug, out var own)
            ? new CityTravel(own.DetourFactor ?? DetourFactor, own.SpeedKmh ?? SpeedKmh)
            : new CityTravel(DetourFactor, SpeedKmh);

    public TimeSpan SearchTimeFor(int stops) =>
        TimeSpan.FromSeconds(Math.Clamp(stops / 10.0, MinSearchSeconds, Math.Max(MinSearchSeconds, MaxSearchSeconds)));
}

public sealed class CityTravelOptions
{
    public double? DetourFactor { get; set; }
    public double? SpeedKmh { get; set; }
}
