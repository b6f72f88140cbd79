using Runnel.Core.Json;

namespace Runnel.Core.Emails;
/// <summary><c>PATCH /v1/templates/{id}</c>: only the members present change.</summary>
public sealed record UpdateTemplateRequest(Optional<string?> Name, Optional<string?> Html, Optional<string?> Text);
