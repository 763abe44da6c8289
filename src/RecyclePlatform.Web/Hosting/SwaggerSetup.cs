using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RecyclePlatform.Web.Hosting;

internal static class SwaggerSetup
{
    public static IServiceCollection AddPlatformSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        // Schemas from the JSON options the API serializes with (ConfigureHttpJsonOptions: enums as their names).
        // Left alone, Swashbuckle reads MVC's options, which Razor Pages register with their defaults, and
        // documents every enum as an integer that the API neither sends nor accepts. Registered before
        // AddSwaggerGen, which only adds its own resolver when there is none.
        services.AddSingleton<ISerializerDataContractResolver>(provider => new JsonSerializerDataContractResolver(
            provider.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions,
            provider.GetRequiredService<IOptions<SchemaGeneratorOptions>>().Value));
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "RecyclePlatform API",
                Version = "v1",
                Description = "Book and follow clothing pickups, run courier days and verify the donation ledger. " +
                              "Errors are RFC 9457 problem details (application/problem+json): each operation lists the ones it can answer, " +
                              "and a broken business rule carries its stable code in `code`. Enums are sent and read as their names. " +
                              "Get a token from POST /api/v1/auth/login.",
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
            options.OperationFilter<ProblemResponsesOperationFilter>();
            options.SchemaFilter<FlagsEnumSchemaFilter>();
        });
        return services;
    }
}
