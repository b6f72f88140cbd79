using Runnel.Core.Flows;
using Runnel.Core.Json;

namespace Runnel.Core.Workspaces;
public sealed record UpdateSettingsRequest(
    Optional<string?> Timezone,
    Optional<string?> PostalAddress,
    Optional<string?> SmsHelpText,
    Optional<string?> DefaultFromEmail,
    Optional<string?> DefaultFromName,
    Optional<string?> SmsFrom,
    Optional<QuietHours?> QuietHours);
