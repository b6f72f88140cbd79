using System.Text.Json.Nodes;
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
    FlowSettings? Settings,
    JsonObject? Ui);
