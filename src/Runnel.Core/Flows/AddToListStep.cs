using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record AddToListStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.AddToList;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ListId { get; init; }
}
