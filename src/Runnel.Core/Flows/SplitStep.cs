using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record SplitStep : FlowStep
{
    [JsonIgnore]
    public override string Type => StepTypes.Split;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SplitBranch>? Branches { get; init; }

    public override IEnumerable<StepEdge> Edges()
    {
        for (var i = 0; i < (Branches?.Count ?? 0); i++)
        {
            yield return new StepEdge($"branches[{i}].next_step_id", Branches![i]?.NextStepId);
        }
    }
}
