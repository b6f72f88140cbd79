using System.Text.Json.Nodes;

namespace Runnel.Core.Emails;
/// <summary><c>POST /v1/emails/{id}/preview</c>: whom and what to render the current draft for.</summary>
public sealed record PreviewEmailRequest(string? ContactId, JsonObject? Context, JsonObject? DynamicContext);
