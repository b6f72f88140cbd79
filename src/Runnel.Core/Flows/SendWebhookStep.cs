using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record SendWebhookStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.SendWebhook;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EndpointUrl { get; init; }

    /// <summary><c>post</c> (default), <c>put</c> or <c>get</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Method { get; init; }

    /// <summary><c>none</c> (default) or <c>jwt</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AuthType { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SecretRef { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? CustomFields { get; init; }

    /// <summary><c>continue</c> (default) or <c>fail</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OnFailure { get; init; }
}
