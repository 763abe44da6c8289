using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Dispatch;

namespace RecyclePlatform.Infrastructure.Dispatch;

public static class DispatchSetup
{
    public static IServiceCollection AddDispatch(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.Section))
            .Validate(o => o.DetourFactor >= 1 && o.DetourFactor <= 5 && o.SpeedKmh > 0 && o.SpeedKmh <= 150
                && o.Cities.Values.All(c => c.DetourFactor is null or (>= 1 and <= 5) && c.SpeedKmh is null or (> 0 and <= 150)),
                "Dispatch: DetourFactor must be 1–5 and SpeedKmh 0–150 (also per city).")
            .Validate(o => o.MinSearchSeconds > 0 && o.MaxSearchSeconds >= o.MinSearchSeconds && o.PlacesPerCourierHour > 0 && o.PollSeconds is > 0 and <= 60,
                "Dispatch: MinSearchSeconds > 0, MaxSearchSeconds >= MinSearchSeconds, PlacesPerCourierHour > 0 and PollSeconds 0–60.")
            .ValidateOnStart();
        services.AddSingleton<IRouteOptimizer, OrToolsRouteOptimizer>();
        services.AddSingleton<ITravelTimes, GreatCircleTravelTimes>();
        return services;
    }
}
