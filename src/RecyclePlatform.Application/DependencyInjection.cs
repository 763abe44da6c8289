using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Application.Workspaces;

namespace RecyclePlatform.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Singletons: a validator's rules (expression trees, regular expressions) are built once, not per request; none has dependencies.
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);
        // A use case is one class: every ...Handler (a write) and ...Queries (reads) is found, not listed.
        foreach (var useCase in typeof(DependencyInjection).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && (t.Name.EndsWith("Handler", StringComparison.Ordinal) || t.Name.EndsWith("Queries", StringComparison.Ordinal))))
        {
            services.AddScoped(useCase);
        }
        services.AddScoped<DispatchRunner>();
        services.AddScoped<ReferenceData>();
        services.AddScoped<SlotPlanner>();
        services.AddScoped<NotificationOutbox>();
        services.AddScoped<NotificationDispatcher>();
        services.AddScoped<NotificationRetention>();
        services.AddScoped<CourierStops>();
        services.AddScoped<LedgerOutbox>();
        services.AddScoped<CustodyRecorder>();
        services.AddSingleton<Regions.RegionCatalogue>();
        services.AddScoped<DonorCommitments>();
        services.AddScoped<LedgerSequencer>();
        services.AddScoped<LedgerSelfAudit>();
        services.AddScoped<LedgerWitnessing>();
        services.AddSingleton<WitnessStatus>();
        services.AddScoped<DonorReceipts>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<ShiftCapacity>();
        services.AddScoped<DispatchBoard>();
        services.AddSingleton<Impact.ImpactTally>();
        services.AddSingleton<CampaignWindowsCache>();
        return services;
    }
}
