namespace Runnel.Core.Workspaces;

/// <summary>
/// A remembered POST of one API key: finished (a status and the encrypted answer to replay), or claimed by the
/// execution whose <paramref name="Token"/> it holds, on <paramref name="LeaseOwner"/> until <paramref name="LeaseUntil"/>.
/// A record with neither was left by an execution that ended without an answer after some of its writes committed.
/// </summary>
public sealed record IdempotencyRecord(
    string RequestHash,
    string? Token,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil,
    int? StatusCode,
    string? ContentType,
    byte[]? Body,
    DateTimeOffset CreatedAt);
