using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;

// The trigger records of API.md §8.2, in one file: each is a few members of configuration.

public sealed record ApiTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.Api;
}
