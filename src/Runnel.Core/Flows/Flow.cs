namespace Runnel.Core.Flows;

/// <summary>A flow as stored: its editable definition plus status and version bookkeeping.</summary>
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
    DateTimeOffset? ActivatedAt);
