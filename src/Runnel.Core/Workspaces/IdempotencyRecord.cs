namespace Runnel.Core.Workspaces;

/// <summary>A remembered POST: in flight (no status yet) or finished with the response to replay.</summary>
public sealed record IdempotencyRecord(
    string RequestHash,
    int? StatusCode,
    string? ContentType,
    byte[]? Body,
    DateTimeOffset CreatedAt);
