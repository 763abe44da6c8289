using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CityQueries>();
        services.AddScoped<WorkspaceQueries>();
        return services;
    }
}
