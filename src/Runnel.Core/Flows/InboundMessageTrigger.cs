using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record InboundMessageTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.InboundMessage;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Keywords { get; init; }
}
