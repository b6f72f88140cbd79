using Runnel.Core.Json;

namespace Runnel.Core.Forms;

public sealed record FormFieldRequest(string? Name, string? Type, bool? Required);
