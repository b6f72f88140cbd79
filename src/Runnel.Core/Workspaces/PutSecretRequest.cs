namespace Runnel.Core.Workspaces;
public sealed record PutSecretRequest(string? Name, string? Value);
