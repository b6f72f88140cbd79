namespace Runnel.Core.Workspaces;

public sealed record ApiKey(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    ApiKeyKind Kind,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? AllowedOrigins,
    string KeyHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
