using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record ContactUpdate
{
    public string? Field { get; init; }

    /// <summary>A Liquid template when a string; other JSON values are written as they are.</summary>
    public JsonNode? Value { get; init; }

    /// <summary><c>overwrite</c> (default) or <c>skip_if_filled</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WriteMode { get; init; }
}
