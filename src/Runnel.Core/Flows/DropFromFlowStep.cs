using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record DropFromFlowStep : FlowStep
{
    [JsonIgnore]
    public override string Type => StepTypes.DropFromFlow;

    public override IEnumerable<StepEdge> Edges() => [];
}
