using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record RemoveFromListStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.RemoveFromList;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ListId { get; init; }
}
