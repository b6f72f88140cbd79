using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Json;
using Runnel.Core.Time;

namespace Runnel.Core.Interpreter;

/// <summary>
/// Reads and writes a contact's fields by their API name (standard JSON name or custom api_name) with values that
/// come from templates: text is coerced to the field's type, and an empty result clears the field.
/// </summary>
public static class ContactFields
{
    public sealed record ApplyResult(Contact? Contact, JsonNode? Stored, string? Error);

    public static string? ReadAsText(Contact contact, string field) => field switch
    {
        "id" => contact.Id.ToString("D"),
        "email" => contact.Email,
        "phone" => contact.Phone,
        "external_id" => contact.ExternalId,
        "first_name" => contact.FirstName,
        "last_name" => contact.LastName,
        "timezone" => contact.Timezone,
        "created_at" => UtcTimestampConverter.Format(contact.CreatedAt),
        "updated_at" => UtcTimestampConverter.Format(contact.UpdatedAt),
        "opted_in_at" => contact.OptedInAt is { } at ? UtcTimestampConverter.Format(at) : null,
        _ => contact.Fields[field] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v => v.ToJsonString(),
            var other => other.ToJsonString(),
        },
    };

    public static bool IsFilled(Contact contact, string field) => !string.IsNullOrEmpty(ReadAsText(contact, field));

    public static ApplyResult Apply(Contact contact, string field, JsonNode? value,
        IReadOnlyDictionary<string, string> customFieldTypes, DateTimeOffset now)
    {
        var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Trim() : null;
        var empty = value is null || (text is not null && text.Length == 0);
        switch (field)
        {
            case "first_name" or "last_name" or "external_id":
            {
                var s = empty ? null : text ?? value!.ToJsonString();
                if (s is not null && s.Length > (field == "external_id" ? ContactInput.MaxExternalIdLength : ContactInput.MaxNameLength))
                {
                    return Error($"'{field}' is too long.");
                }

                var updated = field switch
                {
                    "first_name" => contact with { FirstName = s },
                    "last_name" => contact with { LastName = s },
                    _ => contact with { ExternalId = s },
                };
                return Ok(updated, s);
            }

            case "email":
                if (empty)
                {
                    return Ok(contact with { Email = null }, null);
                }

                return text is not null && EmailAddress.IsValid(text)
                    ? Ok(contact with { Email = EmailAddress.Normalize(text) }, EmailAddress.Normalize(text))
                    : Error($"'{text}' is not an email address.");
            case "phone":
                if (empty)
                {
                    return Ok(contact with { Phone = null }, null);
                }

                return PhoneNumber.TryNormalize(text, out var e164)
                    ? Ok(contact with { Phone = e164 }, e164)
                    : Error($"'{text}' is not a phone number in international format.");
            case "timezone":
                return text is not null && TimeZones.IsValid(text)
                    ? Ok(contact with { Timezone = text }, text)
                    : Error($"'{text}' is not an IANA time zone.");
            case "email_subscription_status" or "sms_subscription_status":
            {
                SubscriptionStatus? status = text switch
                {
                    "subscribed" => SubscriptionStatus.Subscribed,
                    "unsubscribed" => SubscriptionStatus.Unsubscribed,
                    "non_subscribed" => SubscriptionStatus.NonSubscribed,
                    _ => null,
                };
                if (status is null)
                {
                    return Error($"'{field}' must be subscribed, unsubscribed or non_subscribed.");
                }

                var optedIn = status == SubscriptionStatus.Subscribed ? contact.OptedInAt ?? now : contact.OptedInAt;
                var updated = field == "email_subscription_status"
                    ? contact with { EmailSubscriptionStatus = status.Value, OptedInAt = optedIn }
                    : contact with { SmsSubscriptionStatus = status.Value, OptedInAt = optedIn };
                return Ok(updated, text);
            }

            case "id" or "created_at" or "updated_at" or "opted_in_at":
                return Error($"'{field}' cannot be written by a flow.");
        }

        if (!customFieldTypes.TryGetValue(field, out var type))
        {
            return Error($"'{field}' is not a standard field or an active custom field.");
        }

        JsonNode? stored;
        if (empty && type != "text")
        {
            stored = null;
        }
        else
        {
            stored = Coerce(type, value!, text);
            if (stored is null)
            {
                return Error($"'{(text ?? value!.ToJsonString())}' is not a valid {type} for '{field}'.");
            }
        }

        var fields = (JsonObject)contact.Fields.DeepClone();
        if (stored is null)
        {
            fields.Remove(field);
        }
        else
        {
            fields[field] = stored.DeepClone();
        }

        return Ok(contact with { Fields = fields }, stored);
    }

    private static JsonNode? Coerce(string type, JsonNode value, string? text)
    {
        var kind = value.GetValueKind();
        switch (type)
        {
            case "text":
                return JsonValue.Create(text ?? value.ToJsonString());
            case "number":
                if (kind == JsonValueKind.Number)
                {
                    return value.DeepClone();
                }

                return text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                       && double.IsFinite(d)
                    ? JsonValue.Create(d)
                    : null;
            case "boolean":
                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    return value.DeepClone();
                }

                return text?.ToLowerInvariant() switch
                {
                    "true" or "yes" or "1" => JsonValue.Create(true),
                    "false" or "no" or "0" => JsonValue.Create(false),
                    _ => null,
                };
            case "date":
                return text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var date)
                    ? JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : null;
            case "datetime":
                return text is not null && UtcTimestampConverter.TryParse(text, out var instant)
                    ? JsonValue.Create(UtcTimestampConverter.Format(instant))
                    : null;
            default:
                return null;
        }
    }

    private static ApplyResult Ok(Contact contact, JsonNode? stored) => new(contact, stored, null);

    private static ApplyResult Error(string message) => new(null, null, message);
}
