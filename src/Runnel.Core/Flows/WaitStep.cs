using System.Text.Json.Serialization;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
public sealed record WaitStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.Wait;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DurationAmount { get; init; }

    /// <summary><c>minutes</c>, <c>hours</c>, <c>days</c> or <c>weeks</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DurationUnit { get; init; }

    /// <summary>"HH:MM": release at the next such local time after the duration.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AtTime { get; init; }

    /// <summary><c>"contact"</c> (the contact's timezone) or an IANA name; default the flow's timezone.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AtTimezone { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UntilDateField { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? OffsetDays { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RuleNode? Condition { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimeoutMinutes { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeoutStepId { get; init; }

    public override IEnumerable<StepEdge> Edges()
    {
        yield return new StepEdge("next_step_id", NextStepId);
        yield return new StepEdge("timeout_step_id", TimeoutStepId);
    }
}
