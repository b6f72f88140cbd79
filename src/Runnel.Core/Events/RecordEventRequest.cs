using System.Text.Json.Nodes;

namespace Runnel.Core.Events;

/// <summary>The body of <c>POST /v1/events</c>.</summary>
public sealed record RecordEventRequest(
    string? Name,
    string? ContactId,
    string? Email,
    string? Phone,
    string? ExternalId,
    JsonObject? Properties,
    DateTimeOffset? OccurredAt,
    string? EventId);
