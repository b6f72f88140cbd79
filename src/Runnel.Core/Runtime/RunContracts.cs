using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Flows;
using Runnel.Core.Rules;

namespace Runnel.Core.Runtime;

// The inputs and outputs of one interpreter run, and the two services it consults. They live together because they
// form one contract: the runner builds a RunInput from storage, the interpreter returns a RunResult, the runner
// commits it.

/// <summary>Evaluates rule trees for one member with facts the runner loaded beforehand (no I/O inside).</summary>
public interface IRuleOracle
{
    bool Evaluate(RuleNode rule, Contact contact, Member member, IReadOnlyList<ListChange> pendingListChanges);
}

/// <summary>Renders Liquid for messages and contact updates (sandboxed, bounded).</summary>
public interface IMessageRenderer
{
    RenderedEmail RenderEmail(EmailToSend email, TemplateVariables variables);

    string RenderText(string template, TemplateVariables variables);
}

/// <summary>The approved revision of an email, as a send uses it.</summary>
public sealed record EmailToSend(
    Guid EmailId,
    string Subject,
    string? Preheader,
    string? FromName,
    string FromEmail,
    string? ReplyTo,
    string? Html,
    string? Text);

public sealed record RenderedEmail(string Subject, string? Html, string? Text);

/// <summary>The merge variables of API.md §10.</summary>
public sealed record TemplateVariables(
    Contact? Contact,
    JsonObject? Context,
    JsonObject? DynamicContext,
    string? ReplyText,
    string? FlowName,
    string? UnsubscribeUrl,
    string? PageUrl);

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

/// <summary>Everything one run may consult; built by the runner, never touched by I/O during the run.</summary>
public sealed record RunInput(
    Member Member,
    Contact Contact,
    FlowDefinition Definition,
    string FlowName,
    DateTimeOffset Now,
    IRuleOracle Rules,
    Func<Guid, EmailToSend?> ApprovedEmails,
    IReadOnlyDictionary<string, string> CustomFieldTypes,
    string? UnsubscribeUrl,
    Func<Guid> NewId);

/// <summary>What a run decided: the member's next state and everything to commit with it.</summary>
public sealed record RunResult(
    Member Member,
    Contact Contact,
    IReadOnlyDictionary<string, JsonNode?> ContactChanges,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<OutboundMessage> Messages,
    IReadOnlyList<ListChange> ListChanges,
    int StepsExecuted);
