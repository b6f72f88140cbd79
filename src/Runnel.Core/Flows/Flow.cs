using System.Text.Json.Nodes;

namespace Runnel.Core.Flows;

/// <summary>
/// A flow as stored: its editable definition plus status and version bookkeeping. <see cref="Ui"/> is the builder's
/// own data (API.md §8.1): kept beside the definition, never interpreted, never frozen into a version.
/// </summary>
public sealed record Flow(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    string Description,
    FlowStatus Status,
    FlowDefinition Definition,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ActivatedAt,
    JsonObject? Ui = null);
