using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record UpdateContactStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.UpdateContact;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ContactUpdate>? Updates { get; init; }

    /// <summary>Shorthand for a single update (with <see cref="Value"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Value { get; init; }

    /// <summary>The updates to apply: the list, or the shorthand as a one-item list.</summary>
    public IReadOnlyList<ContactUpdate> EffectiveUpdates() =>
        Updates ?? (Field is null ? [] : [new ContactUpdate { Field = Field, Value = Value?.DeepClone() }]);
}
