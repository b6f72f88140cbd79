using System.Text.Json.Nodes;
using Runnel.Core.Json;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;

// Request bodies of the flows API (API.md §8.4). List items are nullable because a client may send null in an array;
// the validator reports it at its index.

/// <summary><c>POST /v1/flows</c>: every member but <c>name</c> is optional; null means the default.</summary>
public sealed record CreateFlowRequest(
    string? Name,
    string? Description,
    ReentryPolicy? ReentryPolicy,
    IReadOnlyList<FlowTrigger?>? Triggers,
    string? EntryStepId,
    IReadOnlyList<FlowStep?>? Steps,
    RuleNode? DisqualificationRules,
    FlowSettings? Settings);

/// <summary>
/// <c>PATCH /v1/flows/{id}</c>: members present change, null restores the default. <c>settings</c> is merged member
/// by member; the others are replaced whole.
/// </summary>
public sealed record UpdateFlowRequest(
    Optional<string?> Name,
    Optional<string?> Description,
    Optional<ReentryPolicy?> ReentryPolicy,
    Optional<IReadOnlyList<FlowTrigger?>?> Triggers,
    Optional<IReadOnlyList<FlowStep?>?> Steps,
    Optional<string?> EntryStepId,
    Optional<RuleNode?> DisqualificationRules,
    Optional<JsonObject?> Settings)
{
    /// <summary>True when the request touches what versions freeze (editable only while draft or paused).</summary>
    public bool ChangesStructure => Triggers.IsSet || Steps.IsSet || EntryStepId.IsSet || ReentryPolicy.IsSet;
}

/// <summary><c>PUT /v1/flows/{id}/steps</c>.</summary>
public sealed record ReplaceStepsRequest(IReadOnlyList<FlowStep?>? Steps);

/// <summary><c>POST /v1/flows/{id}/steps</c>: the step, and at most one of the three ways to place it.</summary>
public sealed record AddStepRequest(FlowStep? Step, string? Position, string? BeforeStepId, string? AfterStepId);

/// <summary><c>PATCH /v1/flows/{id}/steps/{step_id}</c>: members of the step to change; null removes one.</summary>
public sealed record UpdateStepRequest(JsonObject? Step);

/// <summary>The body of <c>PUT /v1/flows/{id}/steps/{step_id}/email</c>: where the step's email comes from.</summary>
public sealed record SetStepEmailRequest(string? Source, string? EmailId, string? TemplateId, string? Subject,
    string? Html);
