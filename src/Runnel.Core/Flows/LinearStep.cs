using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
/// <summary>A step with one way out.</summary>
public abstract record LinearStep : FlowStep
{
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextStepId { get; init; }

    public override IEnumerable<StepEdge> Edges()
    {
        yield return new StepEdge("next_step_id", NextStepId);
    }
}
