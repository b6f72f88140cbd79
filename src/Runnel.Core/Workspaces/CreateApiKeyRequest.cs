namespace Runnel.Core.Workspaces;
public sealed record CreateApiKeyRequest(string? Name, string? Kind, List<string>? Scopes, List<string>? AllowedOrigins);
