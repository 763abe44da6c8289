using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.WebEncoders;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Infrastructure.Identity;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.Web.Api;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web;

public static class DependencyInjection
{
    public const string HttpsKey = "Https:Enabled";
    public const string ForwardedHeadersKey = "ForwardedHeaders:Enabled";
    public const string SwaggerKey = "Swagger:Enabled";

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPlatformLocalization();
        // Razor escapes everything outside Basic Latin by default; Chinese pages would triple in size.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddPlatformAuthentication();
        // A bad tile URL stops the start with a message naming the setting, not the first map page.
        services.AddOptions<Hosting.MapTiles>().Bind(configuration.GetSection(Hosting.MapTiles.Section))
            .Validate(tiles => tiles.ImageSource().Length > 0).ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<IAccountLinks, Hosting.AccountLinks>();
        services.AddSingleton<Hosting.AccountEmailQueue>();
        services.AddSingleton<Hosting.AccountEmails>();
        services.AddSingleton<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<Hosting.AccountEmails>());
        services.AddHostedService<Hosting.AccountEmailWorker>();
        services.AddSingleton<INotificationRenderer, LocalizedNotificationRenderer>();

        services.AddRazorPages(options =>
            {
                foreach (var (area, policy) in AreaPolicies.All)
                {
                    options.Conventions.AuthorizeAreaFolder(area, "/", policy);
                }
                options.Conventions.AllowAnonymousToPage("/Index");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToPage("/Language");
                // Only the pages for people not signed in are open: an anonymous-folder rule would beat
                // AuthorizePage and show ChangePassword and Delete to anyone.
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Account/Register");
                options.Conventions.AllowAnonymousToPage("/Account/SetPassword");
                options.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
                options.Conventions.AllowAnonymousToPage("/Account/ConfirmEmail");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AuthorizePage("/Account/Manage");
                options.Conventions.AuthorizePage("/Account/ChangePassword");
                options.Conventions.AuthorizePage("/Account/Logout");
                options.Conventions.AuthorizeFolder("/Pickups", Application.Accounts.Roles.Consumer);
                options.Conventions.AuthorizeFolder("/Messages", Application.Accounts.Roles.Consumer);
                options.Conventions.AuthorizePage("/Teams/Index", Application.Accounts.Roles.Consumer);
                options.Conventions.AuthorizePage("/Teams/Points/Hold", Application.Accounts.Roles.Consumer);
                options.Conventions.AuthorizePage("/Account/Delete");
            })
            .AddMvcOptions(options =>
            {
                options.Filters.Add<UseCaseErrorsPageFilter>();
                // The validators are the one place input rules live; no implicit [Required] beside them.
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            InputRules.Apply(options.SerializerOptions);
        });
        services.PostConfigure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => InputRules.OnlyReadersRefuseNull(options.SerializerOptions));
        services.AddPlatformSwagger();
        services.AddPlatformRateLimits(configuration);
        services.AddPlatformTelemetry(configuration);

        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            // Ledger tiles and entry bundles (tlog-tiles says they SHOULD be compressed for a client that accepts it).
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/octet-stream"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });

        if (configuration.GetValue<bool>(ForwardedHeadersKey))
        {
            services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // Behind a proxy whose address is not known in advance (a container network).
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
            });
        }
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(ForwardedHeadersKey))
        {
            app.UseForwardedHeaders();
        }
        app.UseRequestIds();
        app.UseRequestLogging();
        // Before the error handlers, so that problem bodies and error pages speak the caller's language.
        app.UseRequestLocalization();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            // A page asked for something that is not there (or not the caller's) is a 404, not a crash.
            // The database out of reach is a 503 (try again in a moment), not a crash.
            StatusCodeSelector = exception => exception switch
            {
                NotFoundException => StatusCodes.Status404NotFound,
                _ when ApiExceptionHandler.DatabaseUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        // An /api caller gets a problem body for 401/404/405...; a person gets a friendly page.
        app.UseWhen(context => ApiPaths.IsApi(context.Request), api => api.UseStatusCodePages());
        app.UseWhen(context => !ApiPaths.IsApi(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/Error/{0}"));
        if (app.Configuration.GetValue<bool>(HttpsKey))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        app.UseNulFreeInput();
        app.UseIdempotencyKeyBuffering();
        app.UseResponseCompression();
        app.UseRouting();
        var swagger = app.Configuration.GetValue(SwaggerKey, !app.Environment.IsProduction());
        app.UseNotFoundBeforeAuthorization(servesSwagger: swagger);
        if (swagger)
        {
            // A map of every endpoint helps developers and attackers alike: in Production only when asked for.
            app.UseSwagger();
            app.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint("/swagger/v1/swagger.json", "RecyclePlatform API v1");
                options.DocumentTitle = "RecyclePlatform API";
            });
        }
        app.UseAuthentication();
        app.UseSessionStamps();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        Pages.Shared.ImpactCards.MapImpactCards(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            // "Healthy", or the status and what is wrong ("Degraded: ledger: …"): no stack traces, no personal data.
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                var problems = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Value.Description ?? e.Key).ToList();
                return context.Response.WriteAsync(problems.Count == 0 ? report.Status.ToString() : $"{report.Status}: {string.Join("; ", problems)}");
            },
        }).AllowAnonymous();
        app.MapApi();
        app.MapPlatformTelemetry();
        return app;
    }

    public static async Task InitialiseDatabaseAsync(this WebApplication app, bool migrate)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>()
            .InitialiseAsync(migrate, app.Lifetime.ApplicationStopping);
    }
}
