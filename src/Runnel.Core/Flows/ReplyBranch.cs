using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record ReplyBranch
{
    public ReplyMatch? Match { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextStepId { get; init; }
}
