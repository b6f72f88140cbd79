using Runnel.Core.Json;

namespace Runnel.Core.Forms;
public sealed record CreateFormRequest(string? Name, List<FormFieldRequest?>? Fields, string? ListId,
    string? RedirectUrl);
