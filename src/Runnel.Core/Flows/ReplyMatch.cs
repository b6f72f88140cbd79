using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record ReplyMatch
{
    /// <summary><c>keyword</c>, <c>number</c>, <c>regex</c> or <c>any</c>.</summary>
    public string? Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Values { get; init; }
}
