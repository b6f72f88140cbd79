using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Delivery;
using Runnel.Core.Interpreter;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// What happens to an SMS after the runner queued it, each inside the caller's write: the provider accepted it
/// (<c>sms_sent</c>, and a reply wait's clock starts), refused it (<c>sms_failed</c>), the recipient unsubscribed before
/// it left (<c>sms_skipped</c>), or a status callback reported delivery. A provider report that the recipient opted
/// out (Twilio 21610) unsubscribes the contact through the contact service, so its conversations end in that write.
/// </summary>
public sealed class SmsEngagement(IRunnelStore store, TimeProvider time, ContactService contacts)
{
    /// <summary>The workspace of the SMS the provider knows by this id, or null when there is no such message.</summary>
    public Task<Guid?> FindWorkspaceOfMessageAsync(string providerMessageId, CancellationToken ct) =>
        store.ReadAsync(async s => (await s.Outbox.FindSmsByProviderIdAsync(providerMessageId))?.WorkspaceId, ct);

    /// <summary>Applies a status callback in one write; false when it names no known message or changes nothing.</summary>
    public Task<bool> ApplyStatusAsync(SmsStatusReport report, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
            await s.Outbox.FindSmsByProviderIdAsync(report.ProviderMessageId) is { } found
                                     && await ApplyStatusAsync(s, found.WorkspaceId, found.Message, report, now), ct);
    }

    /// <summary>The pump's record of an accepted SMS. False when another attempt settled the row first.</summary>
    public static async Task<bool> RecordSentAsync(IStoreSession s, PendingSms sms, int attempts,
        string? providerMessageId, DateTimeOffset now)
    {
        var m = sms.Message;
        if (!await s.Outbox.MarkSmsSentAsync(m.Id, attempts, now, providerMessageId))
        {
            return false;
        }

        await SettleAsync(s, sms, TimelineTypes.SmsSent, StepInterpreter.SentData(m, attempts, providerMessageId), now);
        return true;
    }

    /// <summary>
    /// API.md §12: nothing but an opt-out confirmation is ever sent to an unsubscribed number. A member's SMS queued
    /// before its recipient unsubscribed is dropped at send time (<c>sms_skipped</c>). True when it was skipped.
    /// </summary>
    public static async Task<bool> SkipIfUnsubscribedAsync(IStoreSession s, PendingSms sms, DateTimeOffset now)
    {
        var m = sms.Message;
        if (m.MemberId == Guid.Empty
            || await s.Members.FindAsync(sms.WorkspaceId, m.MemberId) is not { } member
            || await s.Contacts.GetAsync(sms.WorkspaceId, member.ContactId) is not { } contact
            || contact.SmsSubscriptionStatus == SubscriptionStatus.Subscribed)
        {
            return false;
        }

        if (await s.Outbox.MarkSkippedAsync(m.Id))
        {
            await SettleAsync(s, sms, TimelineTypes.SmsSkipped, new JsonObject
            {
                ["reason"] = "unsubscribed",
                ["message_id"] = m.Id.ToString("D"),
            }, now);
        }

        return true;
    }

    /// <summary>The provider refused the SMS for good, or the attempts ran out: <c>sms_failed</c> on the member.</summary>
    public async Task RecordFailedAsync(IStoreSession s, PendingSms sms, int attempts, SmsSendResult result,
        string error, DateTimeOffset now)
    {
        var m = sms.Message;
        if (!await s.Outbox.MarkFailedAsync(m.Id, attempts, error))
        {
            return;
        }

        await SettleAsync(s, sms, TimelineTypes.SmsFailed, new JsonObject
        {
            ["message_id"] = m.Id.ToString("D"),
            ["to"] = m.To,
            ["error"] = error,
            ["error_code"] = result.ErrorCode,
            ["attempts"] = attempts,
        }, now);
        if (result.RecipientOptedOut)
        {
            await UnsubscribePhoneAsync(s, sms.WorkspaceId, m.To, now);
        }
    }

    /// <summary>
    /// A delivery status callback: <c>delivered</c> records <c>sms_delivered</c> once, <c>failed</c>
    /// <c>sms_failed</c>; an opted-out error unsubscribes the recipient. Anything else (queued, sent) is progress
    /// that changes nothing. Returns whether the report changed anything.
    /// </summary>
    public async Task<bool> ApplyStatusAsync(IStoreSession s, Guid workspaceId, OutboxRecord message,
        SmsStatusReport report, DateTimeOffset now)
    {
        if (report.Status is not (SmsStatusReport.Delivered or SmsStatusReport.Failed))
        {
            return false;
        }

        if (message.DeliveryStatus == report.Status)
        {
            // Providers repeat callbacks; the timeline shows each outcome once.
            return false;
        }

        await s.Outbox.SetDeliveryStatusAsync(message.Id, report.Status);
        if (message.MemberId is { } memberId && message.StepId is { } stepId)
        {
            var data = new JsonObject
            {
                ["message_id"] = message.Id.ToString("D"),
                ["provider_message_id"] = message.ProviderMessageId,
                ["to"] = message.To,
            };
            if (report.Status == SmsStatusReport.Failed)
            {
                data["error_code"] = report.ErrorCode;
                data["error"] = report.Error;
            }

            var type = report.Status == SmsStatusReport.Delivered ? TimelineTypes.SmsDelivered : TimelineTypes.SmsFailed;
            await s.Members.AppendTimelineAsync(memberId, [new TimelineEntry(now, type, stepId, data)]);
        }

        if (report.ErrorCode == SmsSendResult.OptedOutCode)
        {
            await UnsubscribePhoneAsync(s, workspaceId, message.To, now);
        }

        return true;
    }

    /// <summary>Marks the number's contact <c>unsubscribed</c> from SMS (its conversations end in this write).</summary>
    public async Task UnsubscribePhoneAsync(IStoreSession s, Guid workspaceId, string phone, DateTimeOffset now)
    {
        if (await s.Contacts.FindByPhoneAsync(workspaceId, phone)
            is { SmsSubscriptionStatus: not SubscriptionStatus.Unsubscribed } contact)
        {
            await contacts.UpsertInSessionAsync(s, workspaceId, new ContactUpsert
            {
                ContactId = contact.Id.ToString("D"),
                SmsSubscriptionStatus = new Optional<string?>(SubscriptionStatuses.Unsubscribed),
            }, now);
        }
    }

    /// <summary>
    /// The timeline entry on the sending member, and the send settled in its conversation: a member waiting for a
    /// reply to this message is made due, so its wait's timeout starts counting from now.
    /// </summary>
    private static async Task SettleAsync(IStoreSession s, PendingSms sms, string type, JsonObject data,
        DateTimeOffset now)
    {
        var m = sms.Message;
        if (m.MemberId == Guid.Empty || await s.Members.FindAsync(sms.WorkspaceId, m.MemberId) is not { } member)
        {
            return;
        }

        await s.Members.AppendTimelineAsync(member.Id, [new TimelineEntry(now, type, m.StepId, data)]);
        if (!member.IsRunning || !SmsConversation.SendPending(member))
        {
            return;
        }

        var waitingForReply = member.Status == MemberStatus.Waiting && member.WaitKind == WaitKinds.Reply;
        var settled = member with
        {
            Engagement = SmsConversation.Settled(member.Engagement, now),
            LastActivityAt = now,
            WakeAt = waitingForReply ? now : member.WakeAt,
        };
        // Read and written in this one write, so the revision cannot have moved in between.
        if (!await s.Members.UpdateAsync(settled, member.Revision, dueNow: waitingForReply))
        {
            throw new InvalidOperationException($"Member {member.Id} changed inside a write.");
        }
    }
}
