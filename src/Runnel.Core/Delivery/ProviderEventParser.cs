using System.Text.Json.Nodes;
using Runnel.Core.Errors;

namespace Runnel.Core.Delivery;

/// <summary>
/// Reads provider webhook bodies into <see cref="ProviderEmailEvent"/>s. <c>generic</c> is Runnel's own format
/// (docs/delivery.md); <c>sendgrid</c> is SendGrid's Event Webhook (a JSON array, matched by <c>smtp-id</c>, the
/// Message-ID the message was submitted with). Events that say nothing about delivery (opens, clicks, deferrals) are
/// counted as ignored.
/// </summary>
public static class ProviderEventParser
{
    public const int MaxEvents = 1000;

    public static readonly IReadOnlyList<string> Providers = ["generic", "sendgrid"];

    public sealed record Parsed(IReadOnlyList<ProviderEmailEvent> Events, int Ignored);

    /// <summary>The events of a body; null for an unknown provider. Throws validation_failed for a bad body.</summary>
    public static Parsed? Parse(string provider, JsonNode? body) => provider switch
    {
        "generic" => Generic(body),
        "sendgrid" => SendGrid(body),
        _ => null,
    };

    private static Parsed Generic(JsonNode? body)
    {
        var errors = new ValidationErrors();
        var (items, prefix) = body switch
        {
            JsonObject o when o["events"] is JsonArray a && o.Count == 1 => (a, "events"),
            JsonObject o when !o.ContainsKey("events") => (new JsonArray(o.DeepClone()), ""),
            _ => (null, ""),
        };
        if (items is null || items.Count > MaxEvents)
        {
            throw RunnelException.Invalid("events", $"send one event object or {{\"events\": [...]}} with 1 to {MaxEvents} events");
        }

        var events = new List<ProviderEmailEvent>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = prefix.Length == 0 ? "" : ValidationErrors.Index(prefix, i);
            if (items[i] is not JsonObject item)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            foreach (var (name, _) in item)
            {
                if (name is not ("type" or "message_id" or "outbox_id" or "bounce_type" or "description" or "occurred_at"))
                {
                    errors.Add(ValidationErrors.Join(path, name), "is not a known field");
                }
            }

            var type = Text(item, "type");
            if (type is not (ProviderEventTypes.Delivered or ProviderEventTypes.Bounced or ProviderEventTypes.Complained))
            {
                errors.Add(ValidationErrors.Join(path, "type"), "must be delivered, bounced or complained");
            }

            var bounce = Text(item, "bounce_type");
            if (bounce is not (null or ProviderEventTypes.Hard or ProviderEventTypes.Soft))
            {
                errors.Add(ValidationErrors.Join(path, "bounce_type"), "must be hard or soft");
            }

            var messageId = Text(item, "message_id");
            var outbox = Text(item, "outbox_id");
            Guid? outboxId = null;
            if (outbox is not null)
            {
                if (Guid.TryParse(outbox, out var parsed))
                {
                    outboxId = parsed;
                }
                else
                {
                    errors.Add(ValidationErrors.Join(path, "outbox_id"), "must be a UUID");
                }
            }

            if (messageId is null && outbox is null)
            {
                errors.Add(ValidationErrors.Join(path, "message_id"), "message_id or outbox_id is required");
            }

            events.Add(new ProviderEmailEvent(type ?? "", bounce, messageId, outboxId, Text(item, "description")));
        }

        errors.ThrowIfAny();
        return new Parsed(events, 0);
    }

    private static Parsed SendGrid(JsonNode? body)
    {
        if (body is not JsonArray items || items.Count > MaxEvents)
        {
            throw RunnelException.Invalid("", $"SendGrid posts a JSON array of at most {MaxEvents} events");
        }

        var events = new List<ProviderEmailEvent>();
        var ignored = 0;
        foreach (var item in items.OfType<JsonObject>())
        {
            var smtpId = Text(item, "smtp-id");
            var reason = Text(item, "reason") ?? Text(item, "response");
            ProviderEmailEvent? parsed = Text(item, "event") switch
            {
                "delivered" => new(ProviderEventTypes.Delivered, null, smtpId, null, reason),
                // SendGrid's "bounce" events carry type "bounce" (the address does not exist) or "blocked" (refused
                // for now, e.g. by reputation): only the former is a hard bounce.
                "bounce" => new(ProviderEventTypes.Bounced,
                    Text(item, "type") == "blocked" ? ProviderEventTypes.Soft : ProviderEventTypes.Hard, smtpId, null,
                    reason),
                "dropped" => new(ProviderEventTypes.Bounced, ProviderEventTypes.Soft, smtpId, null, reason),
                "spamreport" => new(ProviderEventTypes.Complained, null, smtpId, null, reason),
                _ => null,
            };
            if (parsed is null || smtpId is null)
            {
                ignored++;
                continue;
            }

            events.Add(parsed);
        }

        return new Parsed(events, ignored + items.Count(i => i is not JsonObject));
    }

    private static string? Text(JsonObject item, string name) =>
        item[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
