using System.Text.Json.Serialization;

namespace Runnel.Client;

/// <summary>
/// The body of <see cref="FlowsResource.TriggerAsync(TriggerRequest, CancellationToken)"/>: the flow to start, and
/// whom to start it for.
/// </summary>
public sealed class TriggerRequest : TriggerRecipient
{
    /// <summary>The flow to start; it must be active and have an <c>api</c> trigger.</summary>
    [JsonIgnore]
    public string FlowId { get; set; } = "";
}
