using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
public sealed record RemoveFromListStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.RemoveFromList;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ListId { get; init; }
}
