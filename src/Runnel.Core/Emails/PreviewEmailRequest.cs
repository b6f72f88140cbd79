using System.Text.Json.Nodes;
using Runnel.Core.Json;

namespace Runnel.Core.Emails;
/// <summary><c>POST /v1/emails/{id}/preview</c>: whom and what to render the current draft for.</summary>
public sealed record PreviewEmailRequest(string? ContactId, JsonObject? Context, JsonObject? DynamicContext);
