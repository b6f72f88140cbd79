using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Json;

namespace Runnel.Core.Templates;

/// <summary>
/// Turns the model into what a template reads: dictionaries, lists, strings, numbers and booleans only. No other .NET
/// object reaches a template (and <see cref="LiquidSandbox.Options"/> allows no members), so nothing but these values
/// can be read or called from one.
/// </summary>
internal static class LiquidValues
{
    public static Dictionary<string, object?> FromModel(TemplateModel model)
    {
        var root = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["contact"] = ContactValues(model.Contact, model.CustomFields ?? model.Contact?.Fields),
            ["context"] = FromObject(model.Context),
            ["campaign"] = One("dynamic", FromObject(model.DynamicContext)),
            ["reply"] = One("text", model.ReplyText),
            ["flow"] = One("name", model.FlowName),
            ["unsubscribe_url"] = model.UnsubscribeUrl,
            ["page_url"] = model.PageUrl,
        };
        return root;
    }

    /// <summary>JSON → Liquid: objects become dictionaries, arrays lists, numbers long or decimal (else double).</summary>
    public static object? FromNode(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => FromObject(obj),
        JsonArray array => array.Select(FromNode).ToList(),
        JsonValue value => FromValue(value),
        _ => null,
    };

    private static Dictionary<string, object?> FromObject(JsonObject? obj)
    {
        var hash = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (obj is null)
        {
            return hash;
        }

        foreach (var (name, value) in obj)
        {
            hash[name] = FromNode(value);
        }

        return hash;
    }

    private static object? FromValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                var text = value.ToJsonString();
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return whole;
                }

                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                    ? exact
                    : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }

    private static Dictionary<string, object?> ContactValues(Contact? contact, JsonObject? customFields)
    {
        // Custom fields first, so a standard field of the same name overwrites it.
        var hash = FromObject(customFields);
        if (contact is null)
        {
            return hash;
        }

        hash["id"] = Ids.Format(contact.Id);
        hash["email"] = contact.Email;
        hash["phone"] = contact.Phone;
        hash["external_id"] = contact.ExternalId;
        hash["first_name"] = contact.FirstName;
        hash["last_name"] = contact.LastName;
        hash["timezone"] = contact.Timezone;
        hash["email_subscription_status"] = StatusName(contact.EmailSubscriptionStatus);
        hash["sms_subscription_status"] = StatusName(contact.SmsSubscriptionStatus);
        hash["opted_in_at"] = contact.OptedInAt is { } optedIn ? UtcTimestampConverter.Format(optedIn) : null;
        hash["fields"] = FromObject(customFields);
        hash["created_at"] = UtcTimestampConverter.Format(contact.CreatedAt);
        hash["updated_at"] = UtcTimestampConverter.Format(contact.UpdatedAt);
        return hash;
    }

    private static Dictionary<string, object?> One(string name, object? value) =>
        new(StringComparer.Ordinal) { [name] = value };

    private static string StatusName(SubscriptionStatus status) =>
        JsonSerializer.Serialize(status, RunnelJson.Options).Trim('"');
}
