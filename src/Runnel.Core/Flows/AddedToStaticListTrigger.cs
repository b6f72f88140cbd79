using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record AddedToStaticListTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.AddedToStaticList;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ListId { get; init; }
}
