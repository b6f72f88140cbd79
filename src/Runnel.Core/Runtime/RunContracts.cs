using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Emails;
using Runnel.Core.Flows;
using Runnel.Core.Rules;

namespace Runnel.Core.Runtime;

// The inputs and outputs of one interpreter run, and the rule oracle it consults. They live together because they
// form one contract: the runner builds a RunInput from storage, the interpreter returns a RunResult, the runner
// commits it.

/// <summary>Evaluates rule trees for one member with facts the runner loaded beforehand (no I/O inside).</summary>
public interface IRuleOracle
{
    bool Evaluate(RuleNode rule, Contact contact, Member member, IReadOnlyList<ListChange> pendingListChanges);
}

/// <summary>A static-list change a step makes.</summary>
public sealed record ListChange(Guid ListId, bool Add);

/// <summary>A message for the outbox. <see cref="IdempotencyKey"/> is stable for (member, step, visit).</summary>
public sealed record OutboundMessage(
    Guid Id,
    string Channel,
    string To,
    string? FromName,
    string? FromEmail,
    string? ReplyTo,
    string? Subject,
    string? Html,
    string? Text,
    IReadOnlyDictionary<string, string> Headers,
    Guid MemberId,
    string StepId,
    int Visit,
    string IdempotencyKey);

/// <summary>
/// Everything one run may consult; built by the runner, never touched by I/O during the run. <see cref="Links"/>
/// turns on click and open tracking; <see cref="DeferredDelivery"/> says a delivery pump sends the messages later
/// (and records <c>email_sent</c> then), instead of the outbox being their destination.
/// </summary>
public sealed record RunInput(
    Member Member,
    Contact Contact,
    FlowDefinition Definition,
    string FlowName,
    DateTimeOffset Now,
    IRuleOracle Rules,
    Func<Guid, ApprovedEmail?> ApprovedEmails,
    IReadOnlyDictionary<string, string> CustomFieldTypes,
    string? UnsubscribeUrl,
    Func<Guid> NewId,
    ILinkBuilder? Links = null,
    string? PostalAddress = null,
    bool DeferredDelivery = false);

/// <summary>What a run decided: the member's next state and everything to commit with it.</summary>
public sealed record RunResult(
    Member Member,
    Contact Contact,
    IReadOnlyDictionary<string, JsonNode?> ContactChanges,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<OutboundMessage> Messages,
    IReadOnlyList<ListChange> ListChanges,
    int StepsExecuted,
    IReadOnlyList<Webhooks.WebhookRequest>? Webhooks = null);
