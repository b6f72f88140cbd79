using System.Text.Json.Nodes;

namespace Runnel.Core.Triggers;

/// <summary>
/// A change that can start flows, recorded in the change's transaction. <see cref="Subject"/> is what triggers match
/// on besides the type: the list id, the form id or the event name.
/// </summary>
public sealed record TriggerEvent(
    long Seq,
    Guid WorkspaceId,
    string Type,
    Guid ContactId,
    string? Subject,
    JsonObject Data,
    DateTimeOffset OccurredAt);
