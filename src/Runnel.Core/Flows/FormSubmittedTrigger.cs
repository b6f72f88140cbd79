using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record FormSubmittedTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.FormSubmitted;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? FormId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? PageId { get; init; }
}
