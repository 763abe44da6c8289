using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Dispatch;
using RecyclePlatform.Application.Hubs;
using RecyclePlatform.Application.Partners;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Notifications;
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
        services.AddScoped<CityQueries>();
        services.AddScoped<ReferenceData>();
        services.AddScoped<WorkspaceQueries>();
        services.AddScoped<SlotPlanner>();
        services.AddScoped<SlotQueries>();
        services.AddScoped<OverrideSlotCapacityHandler>();
        services.AddScoped<BookPickupHandler>();
        services.AddScoped<ChangePickupHandler>();
        services.AddScoped<PickupQueries>();
        services.AddScoped<NotificationOutbox>();
        services.AddScoped<NotificationDispatcher>();
        services.AddScoped<NotificationQueries>();
        services.AddScoped<NotificationRetention>();
        services.AddScoped<DeleteAccountHandler>();
        services.AddScoped<CourierStops>();
        services.AddScoped<RecordPickupEventHandler>();
        services.AddScoped<AssignStopHandler>();
        services.AddScoped<HubHandover>();
        services.AddScoped<AttachPickupPhotoHandler>();
        services.AddScoped<LedgerOutbox>();
        services.AddScoped<CustodyRecorder>();
        services.AddSingleton<Regions.RegionCatalogue>();
        services.AddScoped<ProgrammeCatalogue>();
        services.AddScoped<DonorCommitments>();
        services.AddScoped<LedgerSequencer>();
        services.AddScoped<LedgerQueries>();
        services.AddScoped<LedgerSelfAudit>();
        services.AddScoped<LedgerWitnessing>();
        services.AddSingleton<WitnessStatus>();
        services.AddScoped<DonorReceipts>();
        services.AddScoped<HubSorting>();
        services.AddScoped<PartnerLots>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<PartnerAdmin>();
        services.AddScoped<LedgerCorrections>();
        services.AddScoped<ShiftCapacity>();
        services.AddScoped<ShiftAdmin>();
        services.AddScoped<CourierAdmin>();
        services.AddScoped<DispatchPlanner>();
        services.AddScoped<DispatchBoard>();
        services.AddScoped<MoveStop>();
        services.AddScoped<DispatchImport>();
        services.AddScoped<PlacesAdmin>();
        return services;
    }
}
