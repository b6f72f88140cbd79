using System.Text.Json.Nodes;
using Runnel.Core.Json;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
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
    Optional<JsonObject?> Settings,
    Optional<JsonObject?> Ui)
{
    /// <summary>True when the request touches what versions freeze (editable only while draft or paused).</summary>
    public bool ChangesStructure => Triggers.IsSet || Steps.IsSet || EntryStepId.IsSet || ReentryPolicy.IsSet;
}
