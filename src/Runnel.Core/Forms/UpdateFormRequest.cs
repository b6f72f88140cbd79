using Runnel.Core.Json;

namespace Runnel.Core.Forms;
public sealed record UpdateFormRequest(
    Optional<string?> Name,
    Optional<List<FormFieldRequest?>?> Fields,
    Optional<string?> ListId,
    Optional<string?> RedirectUrl);
