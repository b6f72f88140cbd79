using System.Text.Json.Nodes;

namespace Runnel.Core.Forms;
/// <summary>A public submission: the posted values by field name (JSON values, or strings from a urlencoded body).</summary>
public sealed record FormSubmissionInput(IReadOnlyDictionary<string, JsonNode?> Values, string? PageId);
