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

            try
            {
                return new Optional<T>(JsonSerializer.Deserialize<T>(ref reader, options)!);
            }
            catch (JsonException error) when (error.Path is not null)
            {
                // The nested call reports its path from this member ("$"), which would blame the body's root.
                // Rethrown without a path, the serializer reading the enclosing object names this member instead.
                throw new JsonException(WithoutPath(error.Message), error.InnerException);
            }
        }

        private static string WithoutPath(string message)
        {
            var marker = message.IndexOf(" Path: ", StringComparison.Ordinal);
            return marker > 0 ? message[..marker] : message;
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
