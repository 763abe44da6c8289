using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Infrastructure.BackgroundWork;
using RecyclePlatform.Infrastructure.Dispatch;
using RecyclePlatform.Infrastructure.Identity;
using RecyclePlatform.Infrastructure.Ledger;
using RecyclePlatform.Infrastructure.Notifications;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.Infrastructure.Seeding;

namespace RecyclePlatform.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var database = DatabaseOptions.From(configuration, environment);
        services.AddSingleton(database);
        services.AddMetrics();
        services.AddSingleton<PlatformMetrics>();
        // Pooled: the options are built once and a context is reset and reused, instead of building
        // options and a context for every request (docs/performance.md). The contexts keep no state of their own.
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContextPool<AppDbContext, PostgresAppDbContext>(
                    o => o.UseRecyclePlatform(database.Provider, database.ConnectionString));
                break;
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(
                    o => o.UseRecyclePlatform(database.Provider, database.ConnectionString));
                break;
        }
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<Application.Accounts.IIdentityService, IdentityService>();
        if (database.ReadConnectionString is { } replica)
        {
            services.AddDbContextPool<PostgresReplicaDbContext>(o => o.UseRecyclePlatform(database.Provider, replica)
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
            services.AddScoped<IPublicReadDbContext>(sp => sp.GetRequiredService<PostgresReplicaDbContext>());
        }
        else
        {
            services.AddScoped<IPublicReadDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        }
        services.AddScoped<Application.Slots.ISlotReservations, SlotReservations>();
        // In-memory copies of what every request reads: SQLite serves one node, whose own saves drop them;
        // PostgreSQL nodes also hear each other's (ChangeListener).
        services.AddSingleton(sp => new ReferenceDataCache(sp.GetRequiredService<TimeProvider>())
        {
            HearsOtherNodes = database.Provider == DatabaseProvider.Sqlite,
        });
        services.AddSingleton(sp => new SessionStampCache(sp.GetRequiredService<TimeProvider>())
        {
            HearsOtherNodes = database.Provider == DatabaseProvider.Sqlite,
        });
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddHostedService<ChangeListener>();
        }

        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Signing in needs a confirmed address: sign-up then answers a new and a known address alike.
                options.SignIn.RequireConfirmedEmail = true;
                // Length beats composition rules (NIST SP 800-63B): ten characters, any kind.
                options.Password.RequiredLength = 10;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<Identity.AppUserStore>()
            .AddUserValidator<Identity.EmailLengthValidator>()
            .AddDefaultTokenProviders()
            .AddApiEndpoints()
            // After AddApiEndpoints, which registers Identity's own sign-in manager again.
            .AddSignInManager<Identity.AppSignInManager>();

        services.AddDataProtection()
            .SetApplicationName("RecyclePlatform")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        services.AddNotifications(configuration, environment);
        services.AddLedger(configuration, environment);
        services.AddSingleton<RecyclePlatform.Application.Pickups.IImageSanitizer, Images.SkiaImageSanitizer>();
        services.AddSingleton<RecyclePlatform.Application.Impact.IImpactCardRenderer, Images.SkiaImpactCardRenderer>();
        services.AddDispatch(configuration);
        services.AddBackgroundWork(configuration, database);

        services.AddSingleton(DemoDataSettings.Read(configuration, environment));
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    private static void AddNotifications(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Notifications");
        var folder = section["Folder"] is { Length: > 0 } f ? f : "App_Data/mail";
        var options = new NotificationOptions(
            SmtpHost: section["Smtp:Host"],
            SmtpPort: section.GetValue("Smtp:Port", 587),
            SmtpUser: section["Smtp:User"],
            SmtpPassword: section["Smtp:Password"],
            SmtpStartTls: section.GetValue("Smtp:StartTls", true),
            From: section["From"] is { Length: > 0 } from ? from : "RecyclePlatform <no-reply@recycleplatform.invalid>",
            Folder: Path.IsPathRooted(folder) ? folder : Path.Combine(environment.ContentRootPath, folder),
            PollInterval: TimeSpan.FromSeconds(section.GetValue("PollSeconds", 10)),
            WorkerEnabled: section.GetValue("WorkerEnabled", true),
            Retention: TimeSpan.FromDays(section.GetValue("RetentionDays", 30)));
        if (options.PollInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Notifications:PollSeconds must be at least 1.");
        }
        if (options.Retention < TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException("Notifications:RetentionDays must be at least 1.");
        }
        services.AddSingleton(options);
        services.AddSingleton<IEmailArchive, MailFolderArchive>();
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            services.AddSingleton<IEmailSender, FolderEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
    }
}
