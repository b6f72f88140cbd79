namespace Runnel.Core.Workspaces;

public sealed record Workspace(
    Guid Id,
    string Name,
    string Timezone,
    string? PostalAddress,
    string? SmsHelpText,
    string? DefaultFromEmail,
    string? DefaultFromName,
    bool IsDefault,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
