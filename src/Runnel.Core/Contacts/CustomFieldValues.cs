using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Errors;
using Runnel.Core.Json;

namespace Runnel.Core.Contacts;

/// <summary>
/// Typed custom field values: text is a string of at most 10,000 characters, number a JSON number, boolean true or
/// false, date "YYYY-MM-DD", datetime RFC 3339 with a zone (stored in UTC).
/// </summary>
public static class CustomFieldValues
{
    public const int MaxTextLength = 10_000;

    /// <summary>
    /// Checks <paramref name="value"/> against <paramref name="type"/> and returns the form to store.
    /// </summary>
    public static bool TryNormalize(CustomFieldType type, JsonNode value, [NotNullWhen(true)] out JsonNode? normalized,
        [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        error = null;
        var kind = value.GetValueKind();
        switch (type)
        {
            case CustomFieldType.Text when kind == JsonValueKind.String:
                var text = AsString(value);
                if (text.Length > MaxTextLength)
                {
                    error = $"must be at most {MaxTextLength} characters";
                    return false;
                }

                normalized = JsonValue.Create(text);
                return true;
            case CustomFieldType.Number when kind == JsonValueKind.Number:
                // JSON has no infinities, but 1e400 parses to one; a value that cannot round-trip is not a number.
                if (!double.IsFinite(value.Deserialize<double>()))
                {
                    error = "must be a finite number";
                    return false;
                }

                normalized = value.DeepClone();
                return true;
            case CustomFieldType.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                normalized = JsonValue.Create(kind == JsonValueKind.True);
                return true;
            case CustomFieldType.Date when kind == JsonValueKind.String
                && DateOnly.TryParseExact(AsString(value), "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var date):
                normalized = JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return true;
            case CustomFieldType.Datetime when kind == JsonValueKind.String
                && UtcTimestampConverter.TryParse(AsString(value), out var instant):
                normalized = JsonValue.Create(UtcTimestampConverter.Format(instant));
                return true;
            default:
                error = type switch
                {
                    CustomFieldType.Text => "must be a string (text field)",
                    CustomFieldType.Number => "must be a number (number field)",
                    CustomFieldType.Boolean => "must be true or false (boolean field)",
                    CustomFieldType.Date => "must be a date \"YYYY-MM-DD\" (date field)",
                    _ => "must be an RFC 3339 date-time with a time zone, e.g. 2026-11-22T09:00:00Z (datetime field)",
                };
                return false;
        }
    }

    // Through the serializer rather than GetValue<T>: a JsonValue built in code may wrap an int or a DateTime, which
    // GetValue<double> or GetValue<string> refuses although the JSON it stands for is a number or a string.
    private static string AsString(JsonNode value) => value.Deserialize<string>()!;

    /// <summary>
    /// Applies <paramref name="changes"/> to a copy of <paramref name="current"/>: a value is checked and stored,
    /// null removes it. Unknown and archived fields are problems at <c>fields.&lt;name&gt;</c>.
    /// </summary>
    internal static JsonObject Apply(JsonObject current, JsonObject changes,
        IReadOnlyDictionary<string, CustomField> definitions, ValidationErrors errors)
    {
        var result = (JsonObject)current.DeepClone();
        foreach (var (name, value) in changes)
        {
            var path = ValidationErrors.Join("fields", name);
            if (!definitions.TryGetValue(name, out var definition))
            {
                errors.Add(path, "is not a custom field of this workspace; create it with POST /v1/custom-fields");
                continue;
            }

            if (definition.Status == CustomFieldStatus.Archived)
            {
                errors.Add(path, "is archived; reactivate the custom field to write it");
                continue;
            }

            if (value is null)
            {
                result.Remove(name);
            }
            else if (TryNormalize(definition.Type, value, out var normalized, out var error))
            {
                result[name] = normalized;
            }
            else
            {
                errors.Add(path, error);
            }
        }

        return result;
    }
}
