using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runnel.Core.Json;

/// <summary>Reads <see cref="Optional{T}"/> members: present → set (null allowed); absent → default (unset).</summary>
public sealed class OptionalConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var inner = typeToConvert.GetGenericArguments()[0];
        return (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(inner))!;
    }

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return new Optional<T>(default!);
            }

            // A nested Deserialize starts a new path at "$", and STJ keeps a path once set; so the inner path travels
            // in Data and the outer serializer adds the member's own path (JsonErrors joins the two).
            try
            {
                return new Optional<T>(JsonSerializer.Deserialize<T>(ref reader, options)!);
            }
            catch (JsonException error)
            {
                throw JsonErrors.Nested(error, JsonErrors.FullPath(error));
            }
            catch (NotSupportedException error)
            {
                throw JsonErrors.Nested(error, JsonErrors.PathInMessage(error.Message));
            }
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
        {
            if (value.IsSet)
            {
                JsonSerializer.Serialize(writer, value.Value, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
