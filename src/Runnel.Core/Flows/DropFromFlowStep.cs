using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
public sealed record DropFromFlowStep : FlowStep
{
    [JsonIgnore]
    public override string Type => StepTypes.DropFromFlow;

    public override IEnumerable<StepEdge> Edges() => [];
}
