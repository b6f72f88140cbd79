using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Delivery;
using Runnel.Core.Errors;
using Runnel.Core.Events;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Storage;
using Runnel.Core.Workspaces;

namespace Runnel.Core.Services;

/// <summary>
/// Handles inbound SMS (API.md §12) in one write per message: recognised as a repeat by its provider id, the sender's
/// contact found or created (phone only, <c>non_subscribed</c>), then routed in order — STOP family, HELP, START /
/// UNSTOP; else the contact's most recent conversation waiting for a reply (or still sending: the reply is kept for
/// it); else <c>inbound_message</c> triggers whose keywords match; else the contact event <c>sms_received</c>.
/// Because every message is one write, messages of one contact are handled one at a time, in the order their writes
/// run — on SQLite the single writer's queue order, on PostgreSQL the member's revision check (a clash re-runs the
/// write from a fresh snapshot, so a second reply queues behind the first instead of replacing it).
/// </summary>
public sealed class SmsInboundService(IRunnelStore store, TimeProvider time, ContactService contacts,
    EventService events, EnrollmentService enrollment, FlowVersionCache versions, SmsDeliveryMode delivery,
    RunnerSignal runnerSignal)
{
    /// <summary>Longest body taken: ten concatenated segments is what carriers deliver as one message.</summary>
    public const int MaxTextLength = 1600;

    public const int MaxMessageIdLength = 200;

    public const string StopConfirmation =
        "You are unsubscribed and will receive no more messages from us. Reply START to resubscribe.";

    public const string StartConfirmation = "You are subscribed again. Reply STOP to unsubscribe, HELP for help.";

    public const string DefaultHelpText = "Reply STOP to unsubscribe. Msg & data rates may apply.";

    /// <summary>The workspace whose <c>settings.sms_from</c> is <paramref name="to"/>, or null.</summary>
    public Task<Workspace?> FindWorkspaceAsync(string to, CancellationToken ct) =>
        PhoneNumber.TryNormalize(to, out var e164)
            ? store.ReadAsync(s => s.Workspaces.FindBySmsFromAsync(e164), ct)
            : Task.FromResult<Workspace?>(null);

    /// <summary>
    /// Checks the parts of a message every entry point shares; throws <c>validation_failed</c> naming each bad field
    /// with the given names (the provider's own: <c>From</c>, <c>from</c> …).
    /// </summary>
    public static InboundSms Validate(string? from, string? to, string? text, string? messageId,
        (string From, string To, string Text, string MessageId) names)
    {
        var errors = new ValidationErrors();
        var sender = "";
        var receiver = "";
        if (from is null)
        {
            errors.Add(names.From, "is required");
        }
        else if (!PhoneNumber.TryNormalize(from, out sender))
        {
            errors.Add(names.From, "must be a phone number in E.164 form");
        }

        if (to is null)
        {
            errors.Add(names.To, "is required");
        }
        else if (!PhoneNumber.TryNormalize(to, out receiver))
        {
            errors.Add(names.To, "must be a phone number in E.164 form");
        }

        if (text is null)
        {
            errors.Add(names.Text, "is required");
        }
        else if (text.Length > MaxTextLength)
        {
            errors.Add(names.Text, $"must be at most {MaxTextLength} characters");
        }

        if (string.IsNullOrWhiteSpace(messageId))
        {
            errors.Add(names.MessageId, "is required");
        }
        else if (messageId.Length > MaxMessageIdLength)
        {
            errors.Add(names.MessageId, $"must be at most {MaxMessageIdLength} characters");
        }

        errors.ThrowIfAny();
        return new InboundSms(sender, receiver, text!, messageId!.Trim());
    }

    public async Task<InboundSmsResult> HandleAsync(Guid workspaceId, InboundSms message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var result = await store.WriteAsync(s => HandleAsync(s, workspaceId, message, now), ct);
        if (!result.Duplicate)
        {
            runnerSignal.Notify();
            delivery.Signal.Notify();
        }

        return result;
    }

    private async Task<InboundSmsResult> HandleAsync(IStoreSession s, Guid workspaceId, InboundSms message,
        DateTimeOffset now)
    {
        var workspace = await s.Workspaces.GetAsync(workspaceId)
            ?? throw RunnelException.NotFound(ErrorCodes.WorkspaceNotFound);
        if (await s.SmsInbound.FindAsync(workspaceId, message.ProviderMessageId) is { } seen)
        {
            return new InboundSmsResult(seen.RoutedTo, seen.ContactId, seen.MemberId, Duplicate: true, false);
        }

        var contact = await s.Contacts.FindByPhoneAsync(workspaceId, message.From);
        var created = contact is null;
        contact ??= (await contacts.UpsertInSessionAsync(s, workspaceId,
            new ContactUpsert { Phone = new(message.From) }, now)).Contact;

        var keyword = SmsKeywords.Normalize(message.Text);
        string route;
        Guid? memberId = null;
        if (SmsKeywords.Stop.Contains(keyword))
        {
            route = InboundSmsRoutes.Stop;
            await StopAsync(s, workspaceId, contact, now);
            await ConfirmAsync(s, workspace, message, StopConfirmation, now);
        }
        else if (SmsKeywords.Help.Contains(keyword))
        {
            route = InboundSmsRoutes.Help;
            await ConfirmAsync(s, workspace, message, workspace.SmsHelpText ?? DefaultHelpText, now);
        }
        else if (SmsKeywords.Start.Contains(keyword))
        {
            route = InboundSmsRoutes.Start;
            await SetSubscriptionAsync(s, workspaceId, contact, SubscriptionStatuses.Subscribed, now);
            await ConfirmAsync(s, workspace, message, StartConfirmation, now);
        }
        else if (await ConversationAsync(s, contact, now) is { } waiting)
        {
            route = InboundSmsRoutes.Reply;
            memberId = waiting.Id;
            var reply = new SmsConversation.Reply(message.Text, message.ProviderMessageId, now);
            var updated = waiting with
            {
                Engagement = SmsConversation.Enqueue(waiting.Engagement, reply),
                WakeAt = waiting.Status == MemberStatus.Waiting ? now : waiting.WakeAt ?? now,
            };
            if (!await s.Members.UpdateAsync(updated, waiting.Revision, dueNow: true))
            {
                throw new InvalidOperationException($"Member {waiting.Id} changed inside a write.");
            }
        }
        else if (await StartByKeywordAsync(s, workspaceId, contact, message, keyword, created, now) is { } started)
        {
            route = InboundSmsRoutes.Trigger;
            memberId = started;
        }
        else
        {
            route = InboundSmsRoutes.Event;
            await events.RecordInSessionAsync(s, workspaceId,
                new RecordEventRequest("sms_received", contact.Id.ToString("D"),
                null, null, null, new JsonObject
                {
                    ["text"] = message.Text,
                    ["from"] = message.From,
                    ["to"] = message.To,
                    ["message_id"] = message.ProviderMessageId,
                }, now, null), now);
        }

        await s.SmsInbound.InsertAsync(new InboundSmsRecord(workspaceId, message.ProviderMessageId, contact.Id,
            message.From, message.To, message.Text, route, memberId, now));
        return new InboundSmsResult(route, contact.Id, memberId, Duplicate: false, created);
    }

    /// <summary>
    /// STOP: the contact is unsubscribed from SMS (which ends memberships of flows that exit on unsubscribe), and every
    /// conversation still running ends too, whatever that setting says: a STOP never feeds a conversation.
    /// </summary>
    private async Task StopAsync(IStoreSession s, Guid workspaceId, Contact contact, DateTimeOffset now)
    {
        await SetSubscriptionAsync(s, workspaceId, contact, SubscriptionStatuses.Unsubscribed, now);
        foreach (var member in await s.Members.ListRunningForContactAsync(workspaceId, contact.Id))
        {
            if (await DefinitionAsync(s, member) is { } definition && definition.Steps.Any(step =>
                step is WaitForReplyStep))
            {
                await MemberLifecycle.DropAsync(s, member, ExitReasons.Unsubscribed, now);
            }
        }
    }

    private async Task SetSubscriptionAsync(IStoreSession s, Guid workspaceId, Contact contact, string status,
        DateTimeOffset now) =>
        await contacts.UpsertInSessionAsync(s, workspaceId, new ContactUpsert
        {
            ContactId = contact.Id.ToString("D"),
            SmsSubscriptionStatus = new Optional<string?>(status),
        }, now);

    /// <summary>
    /// The compliance answer (STOP, HELP, START confirmations): sent even to a number that just unsubscribed, once
    /// per inbound message (its idempotency key is the inbound message's id).
    /// </summary>
    private async Task ConfirmAsync(IStoreSession s, Workspace workspace, InboundSms inbound, string text,
        DateTimeOffset now)
    {
        var analysis = SmsSegmenter.Analyze(text);
        var message = new OutboundMessage(Ids.New(time), OutboundMessage.SmsChannel, inbound.From, null, null, null,
            null, null, text, new Dictionary<string, string>(), Guid.Empty, "", 0,
            $"sms-inbound:{workspace.Id:N}:{inbound.ProviderMessageId}",
            new SmsDetails(workspace.SmsFrom ?? inbound.To, null, analysis.EncodingName, analysis.Segments,
                analysis.Ucs2Characters));
        await s.Outbox.InsertAsync(workspace.Id, message, delivery.InitialStatus, now, delivery.Deferred ? null : now);
    }

    /// <summary>
    /// The contact's most recent running membership that waits for a reply, or that is still on its way there (an
    /// active member at a send_sms step of a flow with wait_for_reply steps) — unless its session has expired.
    /// </summary>
    private async Task<Member?> ConversationAsync(IStoreSession s, Contact contact, DateTimeOffset now)
    {
        Member? best = null;
        foreach (var member in await s.Members.ListRunningForContactAsync(contact.WorkspaceId, contact.Id))
        {
            if (await DefinitionAsync(s, member) is not { } definition)
            {
                continue;
            }

            var step = member.CurrentStepId is { } id ? definition.FindStep(id) : null;
            var eligible = (member.Status == MemberStatus.Waiting && member.WaitKind == WaitKinds.Reply)
                           || (member.Status == MemberStatus.Active && step is SendSmsStep
                               && definition.Steps.Any(x => x is WaitForReplyStep));
            if (!eligible || (definition.EffectiveSessionTtlMinutes is { } ttl && now >= member.LastActivityAt.AddMinutes(ttl)))
            {
                continue;
            }

            if (best is null || member.LastActivityAt > best.LastActivityAt
                || (member.LastActivityAt == best.LastActivityAt && member.EnteredAt > best.EnteredAt))
            {
                best = member;
            }
        }

        return best;
    }

    /// <summary>Enrolls the contact in active flows whose inbound_message trigger names this keyword.</summary>
    private async Task<Guid?> StartByKeywordAsync(IStoreSession s, Guid workspaceId, Contact contact,
        InboundSms message, string keyword, bool contactIsNew, DateTimeOffset now)
    {
        Guid? first = null;
        foreach (var flow in (await s.Flows.ListActiveAsync()).Where(f => f.WorkspaceId == workspaceId))
        {
            var definition = await EnrollmentService.RunningDefinitionAsync(s, flow);
            var triggers = definition.Triggers.OfType<InboundMessageTrigger>()
                .Where(t => t.Keywords?.Any(k => string.Equals(SmsKeywords.Normalize(k), keyword,
                    StringComparison.OrdinalIgnoreCase)) == true)
                .ToList();
            if (triggers.Count == 0 || definition.EffectiveEntryStepId is null)
            {
                continue;
            }

            var context = new JsonObject
            {
                ["inbound"] = new JsonObject
                {
                    ["text"] = message.Text,
                    ["from"] = message.From,
                    ["message_id"] = message.ProviderMessageId,
                },
            };
            var segments = triggers.Select(t => t.Segment).ToArray();
            if (await enrollment.EnterAsync(s, flow, definition, contact, segments, context, null,
                TriggerTypes.InboundMessage,
                    now, contactIsNew) is Entry.Started started)
            {
                first ??= started.Member.Id;
            }
        }

        return first;
    }

    private async Task<FlowDefinition?> DefinitionAsync(IStoreSession s, Member member) =>
        await versions.GetAsync(s, member.FlowId, member.FlowVersion);
}
