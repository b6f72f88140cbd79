using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record ContactCreatedTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.ContactCreated;
}
