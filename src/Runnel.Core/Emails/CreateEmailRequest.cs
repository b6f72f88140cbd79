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
