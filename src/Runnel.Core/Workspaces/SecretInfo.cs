namespace Runnel.Core.Workspaces;

public sealed record SecretInfo(string Name, DateTimeOffset CreatedAt);
