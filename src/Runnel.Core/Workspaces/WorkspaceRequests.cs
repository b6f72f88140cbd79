using Runnel.Core.Json;

namespace Runnel.Core.Workspaces;

public sealed record CreateWorkspaceRequest(string? Name, string? Timezone);

public sealed record CreateApiKeyRequest(string? Name, string? Kind, List<string>? Scopes, List<string>? AllowedOrigins);

public sealed record UpdateSettingsRequest(
    Optional<string?> Timezone,
    Optional<string?> PostalAddress,
    Optional<string?> SmsHelpText,
    Optional<string?> DefaultFromEmail,
    Optional<string?> DefaultFromName);

public sealed record PutSecretRequest(string? Name, string? Value);
