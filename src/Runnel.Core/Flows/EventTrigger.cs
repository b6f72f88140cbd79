using System.Text.Json.Serialization;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
public sealed record EventTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.Event;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PropertyFilter>? Where { get; init; }
}
