using System.Text.Json.Serialization;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
public sealed record ConditionCheckStep : FlowStep
{
    [JsonIgnore]
    public override string Type => StepTypes.ConditionCheck;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RuleNode? Condition { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TrueStepId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FalseStepId { get; init; }

    /// <summary>Taken when the branch's edge is missing or the condition cannot be evaluated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DefaultStepId { get; init; }

    public override IEnumerable<StepEdge> Edges()
    {
        yield return new StepEdge("true_step_id", TrueStepId);
        yield return new StepEdge("false_step_id", FalseStepId);
        yield return new StepEdge("default_step_id", DefaultStepId);
    }
}
