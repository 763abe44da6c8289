using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// Rules every input obeys before any use case sees it, so that a whole class of bad input is a
/// 400 rather than a 500 deep inside (an outside fuzzer found them): no NUL character in any text
/// (PostgreSQL refuses it in a text value), no null where the contract says a value or a list, and
/// no null inside a list.
/// </summary>
internal static class InputRules
{
    public static void Apply(JsonSerializerOptions options)
    {
        // A null for a property declared non-nullable (a list, a required string) is refused by the reader...
        options.RespectNullableAnnotations = true;
        options.Converters.Add(new NulFreeStrings());
        options.Converters.Add(new NoNullElements());
    }

    /// <summary>
    /// ...but only the reader: answers are written as they are. Applied after every other configuration
    /// (Identity's endpoints add their own type information), so that it covers all of them.
    /// </summary>
    public static void OnlyReadersRefuseNull(JsonSerializerOptions options)
    {
        var resolver = options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
        options.TypeInfoResolver = resolver.WithAddedModifier(info =>
        {
            foreach (var property in info.Properties.Where(p => !p.PropertyType.IsValueType))
            {
                property.IsGetNullable = true;
            }
        });
    }

    /// <summary>Path, query string and url-encoded forms: NUL anywhere makes the request a 400 (a problem for /api, the error page elsewhere).</summary>
    public static IApplicationBuilder UseNulFreeInput(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var nul = (request.Path.Value?.Contains('\0', StringComparison.Ordinal) ?? false)
                || request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));
            if (!nul && request.HasFormContentType && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            {
                try
                {
                    var form = await request.ReadFormAsync(context.RequestAborted);
                    nul = form.Any(f => f.Key.Contains('\0', StringComparison.Ordinal) || f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));
                }
                catch (InvalidDataException)
                {
                    nul = true; // the form reader itself refuses NUL and other control characters
                }
            }
            if (nul)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            await next(context);
        });

    private sealed class NulFreeStrings : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value is not null && value.Contains('\0', StringComparison.Ordinal)
                ? throw new JsonException("Text may not contain a NUL character.")
                : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>Lists of objects or strings never hold a null: "labels": [null] is refused like "labels": null.</summary>
    private sealed class NoNullElements : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(List<>)
            && !typeToConvert.GetGenericArguments()[0].IsValueType;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        {
            var inner = new JsonSerializerOptions(options);
            inner.Converters.Remove(inner.Converters.First(c => c is NoNullElements));
            return (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]), inner)!;
        }

        private sealed class Converter<T>(JsonSerializerOptions inner) : JsonConverter<List<T>>
        {
            public override List<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                var list = JsonSerializer.Deserialize<List<T>>(ref reader, inner);
                return list is not null && list.Any(item => item is null) ? throw new JsonException("A list may not hold null.") : list;
            }

            public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, value, inner);
        }
    }
}
