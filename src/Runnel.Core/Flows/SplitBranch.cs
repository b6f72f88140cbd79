using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record SplitBranch
{
    public int Percent { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextStepId { get; init; }
}
