using Runnel.Core.Json;

namespace Runnel.Core.Emails;
/// <summary><c>PATCH /v1/emails/{id}</c>: only the members present change.</summary>
public sealed record UpdateEmailRequest(
    Optional<string?> Name,
    Optional<string?> Subject,
    Optional<string?> Preheader,
    Optional<string?> FromName,
    Optional<string?> FromEmail,
    Optional<string?> ReplyTo,
    Optional<string?> Html,
    Optional<string?> Text);
