using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Members;

namespace Runnel.Core.Webhooks;

/// <summary>The §11 body of a <c>send_webhook</c> step: who, where in which flow, their data, and the custom fields.</summary>
public static class WebhookPayload
{
    public const string Type = "flow.step";

    public static JsonObject Build(Member member, Contact contact, SendWebhookStep step)
    {
        var payload = new JsonObject
        {
            ["type"] = Type,
            ["flow_id"] = member.FlowId.ToString("D"),
            ["step_id"] = step.StepId,
            ["member_id"] = member.Id.ToString("D"),
            ["contact"] = ContactObject(contact),
            ["context"] = member.Context.DeepClone(),
            ["dynamic_context"] = member.DynamicContext.DeepClone(),
        };

        // Validation keeps custom fields off the members above, so merging cannot overwrite them.
        foreach (var (name, value) in step.CustomFields ?? [])
        {
            payload[name] = value?.DeepClone();
        }

        return payload;
    }

    /// <summary>The contact as webhook bodies (and page generator requests) carry it.</summary>
    public static JsonObject ContactObject(Contact c) => new()
    {
        ["id"] = c.Id.ToString("D"),
        ["email"] = c.Email,
        ["phone"] = c.Phone,
        ["external_id"] = c.ExternalId,
        ["first_name"] = c.FirstName,
        ["last_name"] = c.LastName,
        ["timezone"] = c.Timezone,
        ["email_subscription_status"] = SubscriptionStatuses.ToWire(c.EmailSubscriptionStatus),
        ["sms_subscription_status"] = SubscriptionStatuses.ToWire(c.SmsSubscriptionStatus),
        ["opted_in_at"] = c.OptedInAt is { } at ? UtcTimestampConverter.Format(at) : null,
        ["fields"] = c.Fields.DeepClone(),
        ["created_at"] = UtcTimestampConverter.Format(c.CreatedAt),
        ["updated_at"] = UtcTimestampConverter.Format(c.UpdatedAt),
    };
}
