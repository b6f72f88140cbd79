using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
public sealed record ContactCreatedTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.ContactCreated;
}
