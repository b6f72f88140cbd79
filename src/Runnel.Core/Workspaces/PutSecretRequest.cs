using Runnel.Core.Json;

namespace Runnel.Core.Workspaces;
public sealed record PutSecretRequest(string? Name, string? Value);
