using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Delivery;
using Runnel.Core.Events;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// What happens to an email after it left: sent, opened, clicked, delivered, bounced, complained, unsubscribed. Each
/// is recorded in one write on the member (an <see cref="Member.Engagement"/> fact that <c>email_step</c> rules read,
/// and a timeline entry) and as a contact event (<c>email_opened</c> …), which wakes the contact's condition waits.
/// </summary>
public sealed class EmailEngagement(IRunnelStore store, TimeProvider time, ContactService contacts,
    EventService events)
{
    public const string Opened = "opened";
    public const string Clicked = "clicked";
    public const string Delivered = "delivered";
    public const string Bounced = "bounced";
    public const string Sent = "sent";

    /// <summary>Records an open of the message; false when the workspace has no such message.</summary>
    public Task<bool> RecordOpenAsync(Guid workspaceId, Guid messageId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            if (await s.Outbox.GetAsync(workspaceId, messageId) is not { } message)
            {
                return false;
            }

            // Mail clients fetch the pixel again on every view: the timeline shows the first open, events count all.
            await RecordAsync(s, workspaceId, message, Opened, TimelineTypes.EmailOpened, new JsonObject(),
                onlyFirst: true, now);
            return true;
        }, ct);
    }

    /// <summary>Records a click of one link of the message; false when the workspace has no such message.</summary>
    public Task<bool> RecordClickAsync(Guid workspaceId, Guid messageId, string url, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            if (await s.Outbox.GetAsync(workspaceId, messageId) is not { } message)
            {
                return false;
            }

            // A click proves the message was opened too, even when images were blocked: the first open goes on the
            // timeline (and counts as an email_opened event) whichever signal arrives first, so a timeline never
            // shows a click without an open. A click after an open records no second open.
            if (!(message.MemberId is { } memberId && await s.Members.FindAsync(workspaceId, memberId) is { } member
                  && HasFact(member, message.StepId, Opened)))
            {
                await RecordAsync(s, workspaceId, message, Opened, TimelineTypes.EmailOpened,
                    new JsonObject { ["implied_by"] = "click" }, onlyFirst: true, now);
            }

            await RecordAsync(s, workspaceId, message, Clicked, TimelineTypes.EmailClicked,
                new JsonObject { ["url"] = url }, onlyFirst: false, now);
            return true;
        }, ct);
    }

    public Task<bool> ContactExistsAsync(Guid workspaceId, Guid contactId, CancellationToken ct) =>
        store.ReadAsync(async s => await s.Contacts.GetAsync(workspaceId, contactId) is not null, ct);

    /// <summary>
    /// Unsubscribes the contact from email through the contact service, so running memberships of flows with
    /// exit_on_unsubscribe end in the same write; false when the contact no longer exists.
    /// </summary>
    public Task<bool> UnsubscribeAsync(Guid workspaceId, Guid contactId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            if (await s.Contacts.GetAsync(workspaceId, contactId) is null)
            {
                return false;
            }

            await UnsubscribeAsync(s, workspaceId, contactId, now);
            return true;
        }, ct);
    }

    /// <summary>Applies provider reports in one write; reports naming no message of the workspace are counted.</summary>
    public Task<ProviderEventsResult> ApplyProviderEventsAsync(Guid workspaceId,
        IReadOnlyList<ProviderEmailEvent> reports, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var matched = 0;
            foreach (var report in reports)
            {
                var message = report.OutboxId is { } id ? await s.Outbox.GetAsync(workspaceId, id)
                    : report.MessageId is { } messageId
                        ? await s.Outbox.FindByMessageIdAsync(workspaceId, MessageIds.Bare(messageId))
                        : null;
                if (message is null)
                {
                    continue;
                }

                matched++;
                await ApplyAsync(s, workspaceId, message, report, now);
            }

            return new ProviderEventsResult(matched, reports.Count - matched);
        }, ct);
    }

    /// <summary>The pump's record of an accepted message: the "sent" fact and <c>email_sent</c>, in its write.</summary>
    public static async Task RecordSentAsync(IStoreSession s, PendingEmail email, int attempts, DateTimeOffset now)
    {
        var m = email.Message;
        await s.Outbox.MarkSentAsync(m.Id, attempts, now);
        var member = await EngageAsync(s, email.WorkspaceId, m.MemberId, m.StepId, Sent, TimelineTypes.EmailSent,
            new JsonObject
            {
                ["message_id"] = m.Id.ToString("D"),
                ["to"] = m.To,
                ["subject"] = m.Subject,
                ["smtp_message_id"] = m.Headers.GetValueOrDefault("Message-ID"),
                ["attempts"] = attempts,
            }, now);
        if (member is not null)
        {
            await s.Members.WakeConditionWaitsAsync(email.WorkspaceId, member.ContactId, now);
        }
    }

    /// <summary>
    /// API.md §11: an unsubscribe takes effect before the next send. A marketing message (it carries
    /// List-Unsubscribe) queued before its recipient unsubscribed is dropped at send time: the row is marked skipped
    /// and the member's timeline shows <c>email_skipped</c>. True when the message was skipped.
    /// </summary>
    public static async Task<bool> SkipIfUnsubscribedAsync(IStoreSession s, PendingEmail email, DateTimeOffset now)
    {
        var m = email.Message;
        if (!m.Headers.ContainsKey("List-Unsubscribe")
            || await s.Members.FindAsync(email.WorkspaceId, m.MemberId) is not { } member
            || await s.Contacts.GetAsync(email.WorkspaceId, member.ContactId) is not { } contact
            || contact.EmailSubscriptionStatus != Contacts.SubscriptionStatus.Unsubscribed)
        {
            return false;
        }

        await s.Outbox.MarkSkippedAsync(m.Id);
        await s.Members.AppendTimelineAsync(member.Id, [new TimelineEntry(now, TimelineTypes.EmailSkipped, m.StepId,
            new JsonObject { ["reason"] = "unsubscribed", ["message_id"] = m.Id.ToString("D") })]);
        return true;
    }

    /// <summary>
    /// The pump's record of a message that will not go out (a permanent SMTP rejection, or attempts exhausted): the
    /// row fails and the member's timeline shows <c>email_bounced</c> with the reason, so rules can branch on it.
    /// </summary>
    public static async Task RecordUndeliverableAsync(IStoreSession s, PendingEmail email, int attempts,
        string bounceType, string error, DateTimeOffset now)
    {
        var m = email.Message;
        await s.Outbox.MarkFailedAsync(m.Id, attempts, error);
        var member = await EngageAsync(s, email.WorkspaceId, m.MemberId, m.StepId, Bounced, TimelineTypes.EmailBounced,
            new JsonObject
            {
                ["message_id"] = m.Id.ToString("D"),
                ["bounce_type"] = bounceType,
                ["source"] = "smtp",
                ["error"] = error,
                ["attempts"] = attempts,
            }, now);
        if (member is not null)
        {
            await s.Members.WakeConditionWaitsAsync(email.WorkspaceId, member.ContactId, now);
        }
    }

    private async Task ApplyAsync(IStoreSession s, Guid workspaceId, OutboxRecord message, ProviderEmailEvent report,
        DateTimeOffset now)
    {
        await s.Outbox.SetDeliveryStatusAsync(message.Id, report.Type);
        var data = new JsonObject();
        if (report.Description is { } description)
        {
            data["description"] = description;
        }

        switch (report.Type)
        {
            case ProviderEventTypes.Delivered:
                await RecordAsync(s, workspaceId, message, Delivered, TimelineTypes.EmailDelivered, data,
                    onlyFirst: true, now);
                break;
            case ProviderEventTypes.Bounced:
                data["bounce_type"] = report.BounceType ?? ProviderEventTypes.Soft;
                await RecordAsync(s, workspaceId, message, Bounced, TimelineTypes.EmailBounced, data, onlyFirst: false,
                    now);
                if (report.BounceType == ProviderEventTypes.Hard)
                {
                    await UnsubscribeAddressAsync(s, workspaceId, message.To, now);
                }

                break;
            default:
                await RecordEventAsync(s, workspaceId, message, "email_complained", data, now);
                await UnsubscribeAddressAsync(s, workspaceId, message.To, now);
                break;
        }
    }

    private async Task RecordAsync(IStoreSession s, Guid workspaceId, OutboxRecord message, string fact,
        string timelineType, JsonObject data, bool onlyFirst, DateTimeOffset now)
    {
        var had = message.MemberId is { } memberId
                  && await s.Members.FindAsync(workspaceId, memberId) is { } member
                  && HasFact(member, message.StepId, fact);
        if (!(onlyFirst && had))
        {
            data["message_id"] = message.Id.ToString("D");
            await EngageAsync(s, workspaceId, message, fact, timelineType, data, now);
        }

        await RecordEventAsync(s, workspaceId, message, $"email_{fact}", (JsonObject)data.DeepClone(), now);
    }

    /// <summary>A contact event: shows in the contact's activity, feeds event rules and wakes condition waits.</summary>
    private async Task RecordEventAsync(IStoreSession s, Guid workspaceId, OutboxRecord message, string name,
        JsonObject data, DateTimeOffset now)
    {
        if (message.MemberId is not { } memberId || await s.Members.FindAsync(workspaceId, memberId) is not { } member
            || await s.Contacts.GetAsync(workspaceId, member.ContactId) is null)
        {
            return;
        }

        data["message_id"] = message.Id.ToString("D");
        data["flow_id"] = member.FlowId.ToString("D");
        data["member_id"] = member.Id.ToString("D");
        data["step_id"] = message.StepId;
        await events.RecordInSessionAsync(s, workspaceId,
            new RecordEventRequest(name, member.ContactId.ToString("D"), null, null, null, data, now, null), now);
    }

    private static async Task<Member?> EngageAsync(IStoreSession s, Guid workspaceId, OutboxRecord message, string fact,
        string? timelineType, JsonObject? data, DateTimeOffset now) =>
        message.MemberId is { } memberId && message.StepId is { } stepId
            ? await EngageAsync(s, workspaceId, memberId, stepId, fact, timelineType, data, now)
            : null;

    /// <summary>
    /// Sets the fact on the member and appends the timeline entry. Runs inside the store's single writer, so the
    /// revision read here is still current when the update checks it.
    /// </summary>
    private static async Task<Member?> EngageAsync(IStoreSession s, Guid workspaceId, Guid memberId, string stepId,
        string fact, string? timelineType, JsonObject? data, DateTimeOffset now)
    {
        if (await s.Members.FindAsync(workspaceId, memberId) is not { } member)
        {
            return null;
        }

        if (!HasFact(member, stepId, fact))
        {
            var engagement = (JsonObject)member.Engagement.DeepClone();
            if (engagement[stepId] is not JsonObject facts)
            {
                facts = new JsonObject();
                engagement[stepId] = facts;
            }

            facts[fact] = true;
            if (!await s.Members.UpdateAsync(member with { Engagement = engagement }, member.Revision))
            {
                throw new InvalidOperationException($"Member {member.Id} changed inside a write.");
            }
        }

        if (timelineType is not null)
        {
            await s.Members.AppendTimelineAsync(memberId, [new TimelineEntry(now, timelineType, stepId, data ?? [])]);
        }

        return member;
    }

    private static bool HasFact(Member member, string? stepId, string fact) =>
        stepId is not null && member.Engagement[stepId] is JsonObject facts
        && facts[fact] is JsonValue value && value.TryGetValue<bool>(out var set) && set;

    private async Task UnsubscribeAddressAsync(IStoreSession s, Guid workspaceId, string address, DateTimeOffset now)
    {
        if (await s.Contacts.FindByEmailAsync(workspaceId, EmailAddress.Normalize(address)) is { } contact)
        {
            await UnsubscribeAsync(s, workspaceId, contact.Id, now);
        }
    }

    private async Task UnsubscribeAsync(IStoreSession s, Guid workspaceId, Guid contactId, DateTimeOffset now) =>
        await contacts.UpsertInSessionAsync(s, workspaceId, new ContactUpsert
        {
            ContactId = contactId.ToString("D"),
            EmailSubscriptionStatus = new Optional<string?>(SubscriptionStatuses.Unsubscribed),
        }, now);
}
