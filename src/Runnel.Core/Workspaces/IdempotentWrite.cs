namespace Runnel.Core.Workspaces;
/// <summary>What one write of an idempotent request returned (encrypted), so a retry can be given it again.</summary>
public sealed record IdempotentWrite(string ResultType, byte[] Result);
