using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Json;

namespace Runnel.Core.Rules;

/// <summary>Reading JSON operands as the rule semantics need them: text, finite numbers, booleans and dates.</summary>
internal static class RuleValues
{
    /// <summary>
    /// Set means present, not null and not an empty string or array: an emptied field counts as cleared.
    /// </summary>
    public static bool IsSet([NotNullWhen(true)] JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Length > 0,
        _ => true,
    };

    public static bool IsScalar(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True
            or JsonValueKind.False;

    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Text for string matching: strings as they are, numbers and booleans as written in JSON.</summary>
    public static string? AsText(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => null,
        }
        : null;

    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    /// <summary>A JSON number, or a string that holds one (e.g. a text field "42").</summary>
    public static double? AsNumber(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        var text = v.GetValueKind() switch
        {
            JsonValueKind.Number => v.ToJsonString(),
            JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        };
        return text is not null
               && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
               && double.IsFinite(number)
            ? number
            : null;
    }

    /// <summary>A JSON boolean, or the strings "true"/"false" in any case.</summary>
    public static bool? AsBoolean(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(v.GetValue<string>(), out var b) => b,
            _ => null,
        }
        : null;

    public static bool IsBoolean(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    /// <summary>A <c>YYYY-MM-DD</c> date or an RFC 3339 date-time with a zone, as a string.</summary>
    public static Temporal? AsTemporal(JsonNode? node) => AsString(node) is { } text ? ParseTemporal(text) : null;

    public static Temporal? ParseTemporal(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new Temporal(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), IsDate: true);
        }

        return UtcTimestampConverter.TryParse(text, out var instant) ? new Temporal(instant, IsDate: false) : null;
    }

    /// <summary>
    /// Follows a dotted path (<c>cart.total</c>) through nested objects; null when any step is missing.
    /// </summary>
    public static JsonNode? Lookup(JsonObject? root, string path)
    {
        JsonNode? current = root;
        foreach (var segment in path.Split('.'))
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(segment, out current))
            {
                return null;
            }
        }

        return current;
    }
}
