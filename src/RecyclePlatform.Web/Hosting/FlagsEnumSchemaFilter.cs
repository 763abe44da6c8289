using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// A [Flags] enum (<see cref="Domain.Pickups.ItemCategories"/>) travels as an array of its single names,
/// never as a number nor as one comma-joined string: the DTOs hold lists, and answers list each flag
/// that is set. So its schema lists the single names only; the empty set (None = 0) is not a value a
/// client sends or reads.
/// </summary>
internal sealed class FlagsEnumSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || !context.Type.IsEnum || context.Type.GetCustomAttribute<FlagsAttribute>() is null
            || concrete.Enum is not { Count: > 0 } values)
        {
            return;
        }
        concrete.Enum = [.. values.Where(value => !IsEmptySet(context.Type, value))];
        concrete.Description ??= "One of the names; a set of them is sent and returned as an array of names.";
    }

    private static bool IsEmptySet(Type type, JsonNode? value) =>
        value is JsonValue json && json.TryGetValue<string>(out var name)
        && Enum.TryParse(type, name, out var parsed) && Convert.ToInt64(parsed, CultureInfo.InvariantCulture) == 0;
}
