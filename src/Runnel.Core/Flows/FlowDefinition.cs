using System.Text.Json.Serialization;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;

/// <summary>
/// The structure and behaviour of a flow: what each activation freezes as a version and what members run on.
/// </summary>
public sealed record FlowDefinition
{
    public const int MaxTriggers = 25;

    public IReadOnlyList<FlowTrigger> Triggers { get; init; } = [];

    public IReadOnlyList<FlowStep> Steps { get; init; } = [];

    /// <summary>As stored; <see cref="EffectiveEntryStepId"/> applies the default (the first step).</summary>
    public string? EntryStepId { get; init; }

    public ReentryPolicy ReentryPolicy { get; init; } = new();

    public RuleNode? DisqualificationRules { get; init; }

    public FlowSettings Settings { get; init; } = new();

    /// <summary>
    /// API.md §8.7: <c>settings.session_ttl_minutes</c>, where null means no limit except in a flow that waits for
    /// replies, which gets <see cref="DefaultReplySessionTtlMinutes"/> (seed 001's default).
    /// </summary>
    [JsonIgnore]
    public int? EffectiveSessionTtlMinutes =>
        Settings.SessionTtlMinutes ?? (Steps.Any(s => s is WaitForReplyStep) ? DefaultReplySessionTtlMinutes : null);

    public const int DefaultReplySessionTtlMinutes = 30;

    [JsonIgnore]
    public string? EffectiveEntryStepId => EntryStepId ?? (Steps.Count > 0 ? Steps[0].StepId : null);

    public FlowStep? FindStep(string stepId)
    {
        foreach (var step in Steps)
        {
            if (step.StepId == stepId)
            {
                return step;
            }
        }

        return null;
    }
}
