using Microsoft.OpenApi;

namespace RecyclePlatform.Web.Hosting;

internal static class SwaggerSetup
{
    public static IServiceCollection AddPlatformSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "RecyclePlatform API",
                Version = "v1",
                Description = "Book and follow clothing pickups, run courier days and verify the donation ledger. " +
                              "Errors are RFC 9457 problem details. Get a token from POST /api/v1/auth/login.",
            });
            options.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken from POST /api/v1/auth/login.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("Bearer", document)] = [],
            });
            options.CustomSchemaIds(type => type.FullName?.Replace('+', '.'));
        });
        return services;
    }
}
