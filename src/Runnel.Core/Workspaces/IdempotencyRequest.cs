namespace Runnel.Core.Workspaces;
/// <summary>Who asks to claim a key, with what, and under what lease.</summary>
/// <param name="Owner">This process: its node id and a random part, so a restarted process is a different owner.</param>
/// <param name="SharedByNodes">
/// False for a database one process owns (SQLite): any other owner is a process that died, whatever its lease says.
/// </param>
public sealed record IdempotencyRequest(
    Guid ApiKeyId,
    Guid WorkspaceId,
    string Key,
    string RequestHash,
    string Token,
    string Owner,
    bool SharedByNodes,
    DateTimeOffset Now,
    TimeSpan Lease,
    TimeSpan Retention);
