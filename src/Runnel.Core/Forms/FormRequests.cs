using System.Text.Json.Nodes;
using Runnel.Core.Json;

namespace Runnel.Core.Forms;

public sealed record FormFieldRequest(string? Name, string? Type, bool? Required);

public sealed record CreateFormRequest(string? Name, List<FormFieldRequest?>? Fields, string? ListId,
    string? RedirectUrl);

public sealed record UpdateFormRequest(
    Optional<string?> Name,
    Optional<List<FormFieldRequest?>?> Fields,
    Optional<string?> ListId,
    Optional<string?> RedirectUrl);

/// <summary>A public submission: the posted values by field name (JSON values, or strings from a urlencoded body).</summary>
public sealed record FormSubmissionInput(IReadOnlyDictionary<string, JsonNode?> Values, string? PageId);

public sealed record FormSubmitResult(Form Form, Guid SubmissionId, Guid ContactId, bool Created);
