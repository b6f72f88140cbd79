using System.Text.Json.Nodes;

namespace Runnel.Core.Events;

/// <summary>
/// A custom event a contact performed (API.md §5). <see cref="EventId"/> is the client's event_id, or the server's
/// when the client sent none; it is unique per workspace.
/// </summary>
public sealed record ContactEvent(
    Guid Id,
    Guid WorkspaceId,
    Guid ContactId,
    string EventId,
    string Name,
    JsonObject Properties,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt);
