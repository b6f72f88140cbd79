using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record ContactUpdatedTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.ContactUpdated;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }

    /// <summary>A field operator tested on the new value, or <c>changed</c> (any change).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Operator { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Value { get; init; }
}
