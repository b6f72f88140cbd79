using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record RemovedFromStaticListTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.RemovedFromStaticList;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ListId { get; init; }
}
