using System.Text.Json.Nodes;
using Runnel.Core.Json;

namespace Runnel.Core.Emails;

/// <summary>
/// <c>POST /v1/emails</c>: either the content (<c>html</c>, <c>text</c>) or a <c>template_id</c> to copy it from.
/// </summary>
public sealed record CreateEmailRequest(
    string? Name,
    string? Subject,
    string? Preheader = null,
    string? FromName = null,
    string? FromEmail = null,
    string? ReplyTo = null,
    string? Html = null,
    string? Text = null,
    string? TemplateId = null);

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

/// <summary><c>POST /v1/emails/{id}/preview</c>: whom and what to render the current draft for.</summary>
public sealed record PreviewEmailRequest(string? ContactId, JsonObject? Context, JsonObject? DynamicContext);

/// <summary><c>POST /v1/templates</c>.</summary>
public sealed record CreateTemplateRequest(string? Name, string? Html, string? Text = null);

/// <summary><c>PATCH /v1/templates/{id}</c>: only the members present change.</summary>
public sealed record UpdateTemplateRequest(Optional<string?> Name, Optional<string?> Html, Optional<string?> Text);
