using Runnel.Core.Flows;

namespace Runnel.Core.Workspaces;

/// <summary>
/// A workspace and its settings (API.md §2). <see cref="SmsFrom"/> is the E.164 number its SMS go out from and
/// inbound messages arrive at; <see cref="QuietHours"/> the default window in which no SMS is sent (§12).
/// </summary>
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
    DateTimeOffset UpdatedAt,
    string? SmsFrom = null,
    QuietHours? QuietHours = null);
